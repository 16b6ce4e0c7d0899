export * from './bgnbd';
export * from './gammagamma';
export * from './holdout';
export * from './paretonbd';
export * from './rfm';
export * from './summarize';
export * from './types';
export * from './value';
