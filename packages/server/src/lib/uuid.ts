// Ids arrive as path or cell text. A value that is not a UUID names nothing, and must not reach a
// uuid column, where PostgreSQL refuses the whole statement (a 500) instead of finding no row.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);
