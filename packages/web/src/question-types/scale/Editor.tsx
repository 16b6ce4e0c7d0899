import type { QOf } from '@fidelia/contracts/survey-logic';
import { PointsSelect, ScaleLabels, type TEditorProps } from '../editor-kit';

export function ScaleEditor({ q, set }: TEditorProps<QOf<'scale'>>) {
  return (
    <>
      <PointsSelect q={q} set={set} />
      <ScaleLabels q={q} set={set} />
    </>
  );
}
