// Spreadsheets the office opens: every cell quoted as CSV needs and never taken for a formula,
// rows ended CRLF, and a byte-order mark so spreadsheet software reads "£" as UTF-8.

export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>,
): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
