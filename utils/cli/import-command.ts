/**
 * The import preview's work (`npm run import`, whose entry is import.ts): arguments in, the
 * preview and messages out through `CommandOutput`, an exit code back.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { type ParsedImport, parseImportFile } from '@/utils/import';
import type { AppError } from '@/utils/model';
import type { CommandOutput } from './command-output';

const USAGE = 'usage: npm run import -- --dry-run [--json] <file>';

/** One run of the command over `argv` (the arguments after the script); answers its exit code. */
export function runImport(argv: string[], output: CommandOutput): number {
  let values: { 'dry-run'?: boolean; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    output.error(`import: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values['dry-run']) {
    output.error(`import: the command line only previews an import: pass --dry-run\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    output.error(`import: give exactly one file\n${USAGE}`);
    return 2;
  }
  const file = positionals[0]!;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    output.error(
      `import: ${file}: cannot read this file (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
    return 1;
  }
  const parsed = parseImportFile(bytes, (html) => parseHTML(html).document as unknown as Document);
  if (!parsed.ok) {
    output.error(`import: ${file}: ${asText(parsed.error)}`);
    return 1;
  }
  output.out(values.json ? `${JSON.stringify(toJson(parsed.value), null, 2)}\n` : summary(parsed.value));
  return 0;
}

/** The dry run's JSON: the counts, the skipped documents with reasons, each item with its highlights. */
function toJson(parsed: ParsedImport) {
  return {
    format: parsed.format,
    articles: parsed.articles,
    highlights: parsed.highlights,
    notes: parsed.notes,
    tags: parsed.tags,
    skipped: parsed.skipped.length,
    skippedDocuments: parsed.skipped,
    items: parsed.items.map((item) => ({
      url: item.url,
      title: item.title,
      tags: item.tags,
      savedAt: item.savedAt === null ? null : new Date(item.savedAt).toISOString(),
      archived: item.archived,
      favourite: item.favourite,
      hasContent: item.html !== undefined,
      highlights: item.highlights.map(({ quote, note }) => ({ quote, note })),
      ...(item.pageNotes.length ? { pageNotes: item.pageNotes } : {}),
    })),
  };
}

function summary(parsed: ParsedImport): string {
  const withContent = parsed.items.filter((item) => item.html !== undefined).length;
  const lines = [
    `Format: ${parsed.format}`,
    `Articles: ${parsed.articles} (${withContent} with content, ${parsed.articles - withContent} to download)`,
    `Highlights: ${parsed.highlights}`,
    `Notes: ${parsed.notes}`,
    `Tags: ${parsed.tags}`,
    `Skipped: ${parsed.skipped.length}`,
  ];
  const reasons = new Map<string, number>();
  for (const { reason } of parsed.skipped) {
    const text = asText(reason);
    reasons.set(text, (reasons.get(text) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) lines.push(`  ${count} × ${reason}`);
  lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}

/** An error's code and data: the extension words them; a developer's terminal reads them as they are. */
const asText = ({ code, data }: AppError) => `${code}${data ? ` ${JSON.stringify(data)}` : ''}`;
