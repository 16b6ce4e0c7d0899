// Shared descriptives and distribution helpers (used by quality/ and clv/).
export * from './descriptives';
export * from './distributions';
export * from './linalg';
export * from './random';
