// Shared zod schemas: the single source of truth for request/response shapes.
export * from './analytics';
export * from './analytics-drill';
export * from './analytics-reports';
export * from './analytics-value';
export * from './auth';
export * from './common';
export * from './complaints';
export * from './customers';
export * from './diagnostic';
export * from './fieldwork';
export * from './panels';
export * from './performance';
export * from './response-import';
export * from './retention';
export * from './standards';
export * from './strategy';
export * from './surveys';
