// The answer detail line of a single or multiple choice: the options' wordings, comma-separated.
import type { TAnswerValue, TOption } from '@fidelia/contracts';
import { lt, type TLang } from '@fidelia/contracts/survey-logic';
import type { TAnswerLine } from '../features/surveys/answerDetail';
import { oneLine } from './staff-kit';

export function choiceLine(options: TOption[], v: TAnswerValue, lang: TLang): TAnswerLine[] {
  const label = (x: unknown) => {
    const o = options.find((op) => op.value === x);
    return o ? lt(o.label, lang) : String(x);
  };
  const text = Array.isArray(v) ? v.map(label).join(', ') : v === null ? '' : label(v);
  return oneLine('', text);
}
