// The sentence of a ranked candidate, written through i18n from its structured figures (the PDF
// writes the same on the server, report-html.ts candidateTitle).
import type { TFunction } from 'i18next';
import type { TCandidate } from './api';

type TFmt = {
  fixed: (v: number | null | undefined, d: number) => string;
  pct: (v: number | null | undefined) => string;
};
type TItemText = (n: number | null | undefined) => string;

export function candidateTitle(
  c: TCandidate,
  t: TFunction,
  f: TFmt,
  unitName: string | null,
  _itemText?: TItemText,
): string {
  const at = unitName ? t('diagnostic.cand.at', { unit: unitName }) : '';
  const dim = c.dimension ? t(`diagnostic.dims.${c.dimension}`) : '';
  const g = c.figures;
  let s: string;
  switch (c.kind) {
    case 'gap5':
      s = t('diagnostic.cand.gap5', {
        dim,
        at,
        gap: f.fixed(Math.abs(Number(g.gap)), 2),
        k: g.itemsBelow,
        m: g.items,
      });
      break;
    case 'gap1':
      s = t('diagnostic.cand.gap1', {
        dim,
        at,
        gap: f.fixed(Math.abs(Number(g.gap)), 2),
        k: g.itemsOff,
        m: g.items,
      });
      break;
    case 'gap2':
      s = t('diagnostic.cand.gap2', { dim, at, u: g.uncovered, b: g.below });
      break;
    case 'gap3':
      s = t('diagnostic.cand.gap3', { dim, at, k: g.failing, pct: f.pct(Number(g.compliance)) });
      break;
    case 'gap4':
      s = t('diagnostic.cand.gap4', { at, promise: String(g.promise ?? ''), k: g.complaints });
      break;
    default:
      s = t('diagnostic.cand.cause', {
        n: c.gap,
        at,
        factor: t(`diagnostic.factors.${g.factor}`),
        mean: f.fixed(Number(g.mean), 2),
      });
  }
  if (c.cause)
    s += t('diagnostic.cand.withCause', {
      factor: t(`diagnostic.factors.${c.cause.factor}`),
      mean: f.fixed(c.cause.mean, 2),
    });
  return s;
}
