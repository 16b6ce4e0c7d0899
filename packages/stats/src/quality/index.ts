// Service-quality statistics: NPS/CSAT, SERVQUAL, gap 1, gap causes, audits, alpha, Kano, IPA,
// drivers, trends, text.
export * from './alpha';
export * from './audit';
export * from './drivers';
export * from './gap-causes';
export * from './gap1';
export * from './ipa';
export * from './kano';
export * from './nps';
export * from './servqual';
export * from './text';
export * from './trends';
