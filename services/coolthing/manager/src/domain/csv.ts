// CSV for spreadsheets (RFC 4180) that cannot run anything when opened: a cell that starts like
// a formula is prefixed with an apostrophe (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula guard, then quotes when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: readonly (string | number | boolean | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

/** Excel reads UTF-8 (Cyrillic names) only with a byte-order mark. */
export const CSV_BOM = '\uFEFF';
