/**
 * Cells that a spreadsheet would run as a formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`,
 * and tab or carriage return before them. Such a cell is written with a leading `'`, which Excel
 * and LibreOffice show as text; the data stored and signed keeps the text as given.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * RFC 4180 CSV text (CRLF line ends, quotes doubled, a UTF-8 BOM so Excel reads Arabic names
 * right) with every cell neutralised against formula injection.
 *
 * @example fs.writeFileSync('errors.csv', toCsv([['row', 'code'], ['7', 'RESULT_OUT_OF_SCALE']]))
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return '\uFEFF' + rows.map((r) => r.map((c) => quote(neutralizeCell(c))).join(',')).join('\r\n') + '\r\n';
}
