// Types for the e2e tier, which imports this script (e2e/global-setup.ts).
export const DIST: string;
export function ensureServerBuild(options?: { quiet?: boolean }): Promise<boolean>;
