// Keyword frequency for open answers (a start: no stemming), Spanish and English stopwords.

const STOP_ES =
  'a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa ese eso esta estaba estan estar este esto estos fue fueron ha hay la las le les lo los mas me mi mis mucho muy nada ni no nos o os otra otro para pero poco por porque que quien se ser si sin sobre son su sus tambien te tiene todo tu un una uno unos y ya yo'.split(
    ' ',
  );
const STOP_EN =
  "a about after all also am an and any are as at be been but by can could did do does for from had has have he her him his how i if in into is it its just me more most my no not of on or our out so some than that the their them then there they this to too up us very was we were what when which who will with would you your i'm it's don't".split(
    ' ',
  );

export const STOPWORDS: Record<'es' | 'en', ReadonlySet<string>> = {
  es: new Set(STOP_ES),
  en: new Set(STOP_EN),
};

/** Lower-cases, strips accents for matching, splits on non-letters. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}']+/u)
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter((t) => t.length > 1);
}

export function keywordFrequency(
  texts: readonly (string | null | undefined)[],
  languages: readonly ('es' | 'en')[] = ['es', 'en'],
  top = 50,
): { word: string; count: number; documents: number }[] {
  const count = new Map<string, number>();
  const docs = new Map<string, number>();
  for (const t of texts) {
    if (!t) continue;
    const seen = new Set<string>();
    for (const w of tokenize(t)) {
      if (languages.some((l) => STOPWORDS[l].has(w)) || /^\d+$/.test(w)) continue;
      count.set(w, (count.get(w) ?? 0) + 1);
      seen.add(w);
    }
    for (const w of seen) docs.set(w, (docs.get(w) ?? 0) + 1);
  }
  return [...count.entries()]
    .map(([word, c]) => ({ word, count: c, documents: docs.get(word) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, top);
}
