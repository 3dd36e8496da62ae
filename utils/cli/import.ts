/**
 * `npm run import -- --dry-run [--json] <file>`
 * Reads another tool's export (Pocket, Omnivore, Hypothesis, Obsidian Web Clipper, wallabag,
 * Instapaper, Readwise, Netscape bookmarks; recognised from the content) and prints what an import
 * would bring, without touching any storage: with --json one JSON object
 * `{format, articles, highlights, notes, tags, skipped, skippedDocuments, items}`, else a summary.
 * Bad input: a message on stderr and exit code 1 (2 for a wrong command line).
 */
import { processOutput } from './command-output';
import { runImport } from './import-command';

process.exitCode = runImport(process.argv.slice(2), processOutput);
