import Papa from 'papaparse';

/** Rows of a CSV file keyed by its header, or an error naming the first problem (e.g. an unclosed quote). */
export function readCsv(text: string): { rows: Record<string, string>[] } | { error: string } {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (fatal) return { error: `${fatal.message}${fatal.row !== undefined ? ` (row ${fatal.row + 2})` : ''}` };
  return { rows: result.data };
}

/** The first line of a CSV file's text, without a BOM: what format detection reads. */
export function csvHeader(text: string): string[] {
  const line = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).replace(/\r$/, '');
  return line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
}
