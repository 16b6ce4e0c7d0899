import type { QOf } from '@fidelia/contracts/survey-logic';
import { PointScale, type TRenderProps } from '../respond-kit';

export function CsatRenderer(p: TRenderProps<QOf<'csat'>>) {
  return <PointScale {...p} a={1} b={5} />;
}
