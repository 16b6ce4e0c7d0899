// SQL fragment shared by the panels repo files (timestamps as UTC ISO strings); its own file so
// the repo-<concern> files can use it without importing one another.
export const iso = (c: string) =>
  `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
