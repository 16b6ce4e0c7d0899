// Service-quality statistics: NPS/CSAT, SERVQUAL, alpha, Kano, IPA, drivers, trends, text.
export * from './alpha';
export * from './drivers';
export * from './ipa';
export * from './kano';
export * from './nps';
export * from './servqual';
export * from './text';
export * from './trends';
