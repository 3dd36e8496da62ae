/**
 * `npm run extract -- [--url URL] [--format json|markdown|html|text] [--out DIR] <file.html|dir>...`
 * Runs the extraction pipeline (sanitised with DOMPurify over jsdom) on HTML files, or on every
 * .html/.htm file under a directory. Prints to stdout, or writes one file per input into --out.
 * A failing input gets a message on stderr; the exit code is non-zero only if every input failed.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { createSanitiser, extractFromHtml } from '@/utils/extraction';
import { EXTENSIONS, FORMATS, type Format, formatArticle } from './format-article';

const USAGE = `usage: npm run extract -- [--url URL] [--format ${FORMATS.join('|')}] [--out DIR] <file.html|dir>...`;

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    console.error(`extract: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { url, format, out, inputs } = parsed;
  const files = inputs.flatMap(expandInput);
  const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
  if (out) mkdirSync(out, { recursive: true });
  let succeeded = 0;
  for (const file of files) {
    if ('error' in file) {
      console.error(`extract: ${file.path}: ${file.error}`);
      continue;
    }
    try {
      const html = readFileSync(file.path, 'utf8');
      const article = extractFromHtml(html, { url: url ?? pathToFileURL(file.path).href, sanitise });
      const output = formatArticle(article, format, sanitise);
      if (out) writeFileSync(path.join(out, `${outputName(file.path)}.${EXTENSIONS[format]}`), output);
      else process.stdout.write(output);
      succeeded++;
    } catch (error) {
      console.error(`extract: ${file.path}: ${(error as Error).message}`);
    }
  }
  return succeeded > 0 ? 0 : 1;
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
    },
  });
  if (!(FORMATS as readonly string[]).includes(values.format))
    throw new Error(`unknown format "${values.format}"`);
  if (values.url && !URL.canParse(values.url)) throw new Error(`not an absolute URL: "${values.url}"`);
  if (positionals.length === 0) throw new Error('no input files');
  return { url: values.url, format: values.format as Format, out: values.out, inputs: positionals };
}

type Input = { path: string } | { path: string; error: string };

/** A file, or the .html/.htm files under a directory (sorted), or an error for the path. */
function expandInput(input: string): Input[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(input);
  } catch {
    return [{ path: input, error: 'cannot read this file' }];
  }
  if (!stats.isDirectory()) return [{ path: input }];
  const files = readdirSync(input, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.html?$/i.test(name))
    .sort()
    .map((name) => ({ path: path.join(input, name) }));
  return files.length ? files : [{ path: input, error: 'no .html files in this directory' }];
}

/** "pages/site-a/page.html" → "pages_site-a_page": inputs from different folders never collide. */
function outputName(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file)).replace(/\.html?$/i, '');
  return relative.replace(/^(\.\.[/\\])+/, '').replace(/[/\\]/g, '_');
}

process.exitCode = main(process.argv.slice(2));
