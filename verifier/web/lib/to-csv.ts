/**
 * RFC 4180 CSV. A cell starting with = + - @ (or tab/CR) is prefixed with a quote so that a
 * spreadsheet never runs a learner's name as a formula (OWASP "CSV injection").
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
