// The one Date -> ISO 8601 string helper for API answers and exports. The database drivers hand
// timestamps back as Date (node-postgres) or sometimes as strings (PGlite, JSON columns); both
// come out the same. null/undefined stay null, so nullable columns need no extra branch.
export function iso(d: Date | string | number): string;
export function iso(d: Date | string | number | null | undefined): string | null;
export function iso(d: Date | string | number | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
