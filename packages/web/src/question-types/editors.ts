// The builder editors of the question types (Mantine): one line per type folder
// (`<type>/Editor.tsx`). The mapped type makes a missing editor a compile error.
import type { QOf, TQuestionType } from '@fidelia/contracts/survey-logic';
import type { ReactNode } from 'react';
import { ConstantSumEditor } from './constant_sum/Editor';
import { ContactEditor } from './contact/Editor';
import { CsatEditor } from './csat/Editor';
import { DateEditor } from './date/Editor';
import type { TEditorProps } from './editor-kit';
import { KanoEditor } from './kano/Editor';
import { MatrixEditor } from './matrix/Editor';
import { MultipleEditor } from './multiple/Editor';
import { NumberEditor } from './number/Editor';
import { RatingEditor } from './rating/Editor';
import { ScaleEditor } from './scale/Editor';
import { ServqualEditor } from './servqual/Editor';
import { SingleEditor } from './single/Editor';
import { TextEditor } from './text/Editor';
import { ValueEditor } from './value/Editor';

export const EDITORS: { [K in TQuestionType]: (p: TEditorProps<QOf<K>>) => ReactNode } = {
  rating: RatingEditor,
  csat: CsatEditor,
  scale: ScaleEditor,
  servqual: ServqualEditor,
  constant_sum: ConstantSumEditor,
  kano: KanoEditor,
  value: ValueEditor,
  single: SingleEditor,
  multiple: MultipleEditor,
  matrix: MatrixEditor,
  text: TextEditor,
  number: NumberEditor,
  contact: ContactEditor,
  date: DateEditor,
};
