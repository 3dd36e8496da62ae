/**
 * `npm run extract -- [--url URL] [--format json|markdown|html|text] [--out DIR] <file.html|dir>...`
 * Runs the extraction pipeline (sanitised with DOMPurify over jsdom) on HTML files, or on every
 * .html/.htm file under a directory. Prints to stdout, or writes one file per input into --out,
 * named after the input file's own name (page.html → page.json; a directory's sub-folders are kept).
 * A failing input gets a message on stderr; the exit code is non-zero only if every input failed.
 */
import { processOutput } from './command-output';
import { runExtract } from './extract-command';

process.exitCode = runExtract(process.argv.slice(2), processOutput);
