// Bounded raw-row reports (issue 11, scale). Drivers, derived IPA, open-text themes and perceived
// value need every respondent's answers together (regressions, correlations, texts), which no
// sum table holds. Over a scope larger than the cap they read a deterministic random sample of
// its responses (the lowest hashes of their ids: surveys' analyticsSample, migration 507's
// index), so a 1M-response survey costs what a cap-sized one does; the report says so with
// `sample` and the screen shows it. The same data gives the same sample, so a link reproduces
// the view, and the reports' own intervals (bootstrap, t) are those of the sample's size.
import type { TSampleInfo } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import * as surveys from '../surveys/service';
import { dailyRows } from './service-daily';
import { rawData, type TScope } from './service-filters';

// 2,000 respondents put a correlation within ±0.045 (95%) of the scope's and keep a 1M-response
// report near a 2,000-response one (bench/analytics-sampled.ts).
const DEFAULT_CAP = 2000;

/** The cap: FIDELIA_ANALYTICS_SAMPLE_CAP (an integer ≥ 100; tests lower it), else 2,000. */
export function sampleCap(): number {
  const v = process.env.FIDELIA_ANALYTICS_SAMPLE_CAP;
  const n = v === undefined || v === '' ? DEFAULT_CAP : Number(v);
  if (!Number.isInteger(n) || n < 100)
    throw new Error(`FIDELIA_ANALYTICS_SAMPLE_CAP must be an integer of at least 100, not "${v}"`);
  return n;
}

/** rawData over at most sampleCap() responses; `sample` is null when the scope was read whole. */
export async function sampledData(db: Sql, s: TScope, sel: Parameters<typeof rawData>[2]) {
  const data = await rawData(db, s, sel, sampleCap());
  // n: responses read (after the language and segment filters); of: the scope's complete
  // responses, when the aggregates know it (no language or segment filter)
  let sample: TSampleInfo = null;
  if (data.sampled) {
    const of = s.daily
      ? (await dailyRows(db, s, [''], false, {})).reduce((t, r) => t + r.n, 0)
      : null;
    sample = { n: data.responses.length, of };
  }
  return { ...data, sample };
}

/**
 * Per respondent of the (sampled) scope, in the sample's order, the mean of its numeric answers
 * in each group of tags (null when it answered none): the responses first, then one aggregate
 * row per response (surveys' analyticsAnswerSums), never the answers themselves. A group's
 * mean is that of the items answered, as a SERVQUAL dimension's perception is.
 */
export async function sampledMeans(db: Sql, s: TScope, groups: readonly (readonly string[])[]) {
  const data = await sampledData(db, s, {});
  const sums = await surveys.analyticsAnswerSums(
    db,
    s.orgId,
    data.responses.map((r) => r.id),
    groups,
  );
  const means = sums.map((x) =>
    groups.map((_, g) => {
      const n = x?.counts[g] ?? 0;
      return n > 0 ? (x?.sums[g] as number) / n : null;
    }),
  );
  return { means, sample: data.sample };
}
