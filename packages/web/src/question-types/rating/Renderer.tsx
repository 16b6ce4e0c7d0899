import type { QOf } from '@fidelia/contracts/survey-logic';
import { PointScale, type TRenderProps } from '../respond-kit';

export function RatingRenderer(p: TRenderProps<QOf<'rating'>>) {
  const { q } = p;
  return <PointScale {...p} a={q.min} b={q.max} cls={q.max - q.min >= 10 ? 'fr-eleven' : ''} />;
}
