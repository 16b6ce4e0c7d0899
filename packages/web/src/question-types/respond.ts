// The respondent renderers of the question types: one line per type folder
// (`<type>/Renderer.tsx`). Part of the respondent bundle: renderers use plain React and
// ./respond-kit only. The mapped type makes a missing renderer a compile error.
import type { QOf, TQuestionType } from '@fidelia/contracts/survey-logic';
import type { ReactNode } from 'react';
import { ConstantSumRenderer } from './constant_sum/Renderer';
import { ContactRenderer } from './contact/Renderer';
import { CsatRenderer } from './csat/Renderer';
import { DateRenderer } from './date/Renderer';
import { KanoRenderer } from './kano/Renderer';
import { MatrixRenderer } from './matrix/Renderer';
import { MultipleRenderer } from './multiple/Renderer';
import { NumberRenderer } from './number/Renderer';
import { RatingRenderer } from './rating/Renderer';
import type { TRenderProps } from './respond-kit';
import { ScaleRenderer } from './scale/Renderer';
import { ServqualRenderer } from './servqual/Renderer';
import { SingleRenderer } from './single/Renderer';
import { TextRenderer } from './text/Renderer';
import { ValueRenderer } from './value/Renderer';

export const RENDERERS: { [K in TQuestionType]: (p: TRenderProps<QOf<K>>) => ReactNode } = {
  rating: RatingRenderer,
  csat: CsatRenderer,
  scale: ScaleRenderer,
  servqual: ServqualRenderer,
  constant_sum: ConstantSumRenderer,
  kano: KanoRenderer,
  value: ValueRenderer,
  single: SingleRenderer,
  multiple: MultipleRenderer,
  matrix: MatrixRenderer,
  text: TextRenderer,
  number: NumberRenderer,
  contact: ContactRenderer,
  date: DateRenderer,
};
