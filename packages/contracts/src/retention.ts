// Shared schemas of the retention module (transactions, model runs, scores, tiers, loyalty,
// win-back, cohorts).
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

// ------------------------------------------------------------------------------ imports
/** Columns a transactions file may carry (header aliases are matched case-insensitively). */
export const TX_COLUMNS = [
  'transactionId',
  'customerId',
  'date',
  'amount',
  'units',
  'currency',
  'type',
] as const;
export type TTxColumn = (typeof TX_COLUMNS)[number];

/** Reasons a transaction row is rejected (the rejection report's `reason`). */
export const TX_REJECTIONS = [
  'missing_customer',
  'unknown_customer',
  'bad_date',
  'future_date',
  'missing_amount',
  'bad_amount',
  'zero_amount',
  'negative_amount',
  'bad_type',
  'refund_positive_amount',
  'duplicate_in_file',
  'bad_currency',
] as const;

export const ZTxImportPreviewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  mapping: z.record(z.string(), z.enum(TX_COLUMNS)),
  missing: z.array(z.enum(TX_COLUMNS)),
});
export type TTxImportPreview = z.infer<typeof ZTxImportPreviewSchema>;

const ZTxRowIssue = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export const ZTxImportStatusSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['uploaded', 'queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Accepted rows with a warning (zero amounts); the first 100 are listed in `warnings`. */
  warned: z.number().int(),
  warnings: z.array(ZTxRowIssue),
  error: z.string().nullable(),
  rejections: z.array(ZTxRowIssue),
});
export type TTxImportStatus = z.infer<typeof ZTxImportStatusSchema>;

// ------------------------------------------------------------------------------ contracts
export const ZContractCreateSchema = z.strictObject({
  customerId: z.string().uuid(),
  plan: z.string().trim().min(1).max(120),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  monthlyFee: z.number().nonnegative().max(1e9).nullable().optional(),
});
export type TContractCreate = z.infer<typeof ZContractCreateSchema>;
export interface TContract {
  id: string;
  customerId: string;
  plan: string;
  startDate: string;
  endDate: string | null;
  monthlyFee: number | null;
  active: boolean;
}

// ------------------------------------------------------------------------------ settings
export const TIER_KEYS = ['bronze', 'silver', 'gold'] as const;
export type TTierKey = (typeof TIER_KEYS)[number];
const ZBenefit = z.strictObject({
  es: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});
export const ZValueTierSchema = z.strictObject({
  key: z.enum(TIER_KEYS),
  /** Percentile of CLV (0–100) at which the tier starts, in 'percentile' mode. */
  minPercentile: z.number().min(0).max(99.99),
  /** CLV at which the tier starts, in 'rules' mode. */
  minClv: z.number().min(0).max(1e12),
  benefits: z.array(ZBenefit).max(20),
});
export type TValueTier = z.infer<typeof ZValueTierSchema>;

export const ZRetentionSettingsSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  discountRate: z.number().min(0).max(0.99),
  clvHorizonWeeks: z.number().int().min(1).max(520),
  atRiskPAlive: z.number().gt(0).lt(1),
  tierMode: z.enum(['percentile', 'rules']),
  emailTierChanges: z.boolean(),
  tiers: z
    .array(ZValueTierSchema)
    .length(3)
    .refine((ts) => new Set(ts.map((t) => t.key)).size === 3, 'one entry per tier'),
});
export type TRetentionSettings = z.infer<typeof ZRetentionSettingsSchema>;

// ------------------------------------------------------------------------------ model
export const ZRefitSchema = z.strictObject({
  /** End of the calibration period (inclusive); default today (UTC). */
  calibrationEnd: isoDate.optional(),
});
export type TRefit = z.infer<typeof ZRefitSchema>;

export interface TModelRun {
  id: string;
  version: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  calibrationEnd: string;
  discountRate: number;
  horizonWeeks: number;
  customers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLik: number } | null;
  gammaGamma: { p: number; q: number; gamma: number; logLik: number } | null;
  /** Contractual churn model summary (cross-validated AUC, drivers), or why it was skipped. */
  churn: {
    n?: number;
    positives?: number;
    folds?: number;
    auc?: number;
    aucSd?: number;
    brier?: number;
    scored?: number;
    drivers?: Array<{ feature: string; level: string | null; oddsRatio: number; p: number }>;
    skipped?: string;
  } | null;
  diagnostics: Record<string, unknown>;
  warnings: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface TCustomerScore {
  customerId: string;
  name: string;
  externalId: string | null;
  runId: string;
  version: number;
  calibrationEnd: string;
  frequency: number;
  recencyWeeks: number;
  tWeeks: number;
  monetary: number | null;
  pAlive: number;
  pAlivePrev: number | null;
  expected90d: number;
  expected365d: number;
  expectedSpend: number | null;
  clv: number | null;
  rfm: { r: number; f: number; m: number; segment: string };
  tier: TTierKey | null;
  /** P(churn) from the contract model (customers with an active contract), else null. */
  contractChurn: number | null;
}

export const ZScoreListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  tier: z.enum(TIER_KEYS).optional(),
});

export interface TRetentionCustomer {
  customerId: string;
  current: TCustomerScore | null;
  history: Array<{
    version: number;
    calibrationEnd: string;
    pAlive: number;
    clv: number | null;
    expected365d: number;
    segment: string;
    tier: string | null;
  }>;
  tierHistory: Array<{ from: string | null; to: string; at: string }>;
  churnRisk: number | null;
  /** Where churnRisk comes from: the contract churn model, or 1 − P(alive) (BG/NBD). */
  churnSource: 'contract' | 'bgnbd' | null;
  transactions: { count: number; total: number; first: string | null; last: string | null };
  contracts: TContract[];
  loyalty: { memberNo: string; balance: number; joinedOn: string } | null;
}

// ------------------------------------------------------------------------------ loyalty
export const ZLoyaltyJoinSchema = z.strictObject({ customerId: z.string().uuid() });
export const ZPointsSchema = z.strictObject({
  /** Client-chosen id: a retried request with the same id and body changes nothing. */
  clientId: z.string().trim().min(8).max(100),
  kind: z.enum(['earn', 'redeem']),
  points: z.number().int().min(1).max(10_000_000),
  reason: z.string().trim().max(200).default(''),
});
export type TPoints = z.infer<typeof ZPointsSchema>;
export interface TLedgerEntry {
  id: string;
  clientId: string;
  kind: 'earn' | 'redeem';
  points: number;
  balanceAfter: number;
  reason: string;
  createdAt: string;
}
export interface TLoyaltyMember {
  customerId: string;
  name: string;
  memberNo: string;
  joinedOn: string;
  balance: number;
  tier: string | null;
}

// ------------------------------------------------------------------------------ win-back
export const ZWinbackSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('survey'),
    customerIds: z.array(z.string().uuid()).min(1).max(1000),
    surveyId: z.string().uuid(),
    note: z.string().trim().max(500).default(''),
  }),
  z.strictObject({
    action: z.literal('case'),
    customerIds: z.array(z.string().uuid()).min(1).max(1000),
    note: z.string().trim().max(500).default(''),
  }),
]);
export type TWinback = z.infer<typeof ZWinbackSchema>;

// ------------------------------------------------------------------------------ cohorts
export const ZCohortQuerySchema = z.strictObject({
  months: z.coerce.number().int().min(1).max(36).default(12),
});
export interface TCohortRow {
  cohort: string;
  size: number;
  /** Share of the cohort purchasing in month k after the first purchase (k = 0..), null = not yet observable. */
  retention: Array<number | null>;
}
