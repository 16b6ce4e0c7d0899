// Shared schemas of the surveys module.
export {};
