// Shared schemas of the complaints module.
export {};
