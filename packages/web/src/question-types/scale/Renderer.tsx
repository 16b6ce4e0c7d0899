import type { QOf } from '@fidelia/contracts/survey-logic';
import { PointScale, type TRenderProps } from '../respond-kit';

export function ScaleRenderer(p: TRenderProps<QOf<'scale'>>) {
  return <PointScale {...p} a={1} b={p.q.points} />;
}
