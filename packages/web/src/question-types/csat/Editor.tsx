import type { QOf } from '@fidelia/contracts/survey-logic';
import { ScaleLabels, type TEditorProps } from '../editor-kit';

export function CsatEditor({ q, set }: TEditorProps<QOf<'csat'>>) {
  return <ScaleLabels q={q} set={set} />;
}
