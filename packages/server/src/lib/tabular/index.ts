// Tabular input (CSV / semicolon / tab / XLSX) shared by the CLI and the customer import.
export type { TabularRow } from './csv-splitter';
export { detectSeparator, type TEncoding, type TSeparator } from './detect';
export { type ParseNumberOptions, parseNumber } from './number';
export { type OpenDelimitedOptions, openDelimited, TabularError, type TabularFile } from './reader';
export { openTabular, openTabularBytes, openXlsx, tabularFormat } from './xlsx';
