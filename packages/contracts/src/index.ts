// Shared zod schemas: the single source of truth for request/response shapes.
export * from './auth';
export * from './common';
export * from './customers';
