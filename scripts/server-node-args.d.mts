// Types for the e2e tier, which imports this script (e2e/harness.ts).
export const SERVER_NODE_ARGS: string[];
