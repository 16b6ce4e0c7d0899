// Respondent-page-only helpers: seeded shuffles and the language pick. The display/skip logic,
// piping and answer checks are shared with the server in @fidelia/contracts/survey-logic (zod-free,
// so the respondent bundle stays small).
import type { TLang } from '@fidelia/contracts/survey-logic';

// ------------------------------------------------------------------------------ randomise
/** Deterministic shuffle (seeded by the response id) so the order survives re-renders/resume. */
export function seededShuffle<T>(list: readonly T[], seed: string): T[] {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  const rnd = () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Language to show: ?lang= > the server's pick when it is one of the survey's > browser > default. */
export function pickLang(
  languages: readonly string[],
  fallback: string,
  wanted: (string | null | undefined)[],
): TLang {
  for (const w of wanted) {
    const l = w?.slice(0, 2).toLowerCase();
    if (l && languages.includes(l) && (l === 'es' || l === 'en')) return l;
  }
  return fallback === 'en' ? 'en' : 'es';
}
