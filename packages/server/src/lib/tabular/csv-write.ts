// CSV text of rows, byte for byte what csv-stringify/sync writes with its default options (comma,
// double quotes doubled inside quoted fields, quotes only around fields holding a quote, comma,
// CR or LF, '\n' after every record; null/undefined/false empty, true "1", a Date its epoch ms,
// an object its JSON). Written for the streamed survey export: csv-stringify allocates several
// objects and strings per field (≈ 1.4 GB of short-lived garbage for a 200,000-response wide
// export), and on the embedded database that garbage is what grew the server's heap.
const NEEDS_QUOTES = /[",\r\n]/;

/** One field as csv-stringify writes it. */
export function csvField(v: unknown): string {
  let s: string;
  switch (typeof v) {
    case 'string':
      s = v;
      break;
    case 'number':
    case 'bigint':
      return `${v}`;
    case 'boolean':
      return v ? '1' : '';
    case 'undefined':
      return '';
    default:
      if (v === null) return '';
      if (v instanceof Date) return `${v.getTime()}`;
      s = JSON.stringify(v) ?? '';
  }
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The records, each ended by '\n'; `cell` maps every value first (e.g. formula neutralising). */
export function csvText(
  rows: readonly (readonly unknown[])[],
  cell: (v: unknown) => unknown = (v) => v,
): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i) out += ',';
      out += csvField(cell(row[i]));
    }
    out += '\n';
  }
  return out;
}
