// Shared schemas of the retention module.
export {};
