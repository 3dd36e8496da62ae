/**
 * `npm run extract -- [--url URL] [--format json|markdown|html|text] [--out DIR] <file.html|dir>...`
 * Runs the extraction pipeline (sanitised with DOMPurify over jsdom) on HTML files, or on every
 * .html/.htm file under a directory. Prints to stdout, or writes one file per input into --out,
 * named after the input file's own name (page.html → page.json; a directory's sub-folders are kept).
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
  const written = new Map<string, string>();
  let succeeded = 0;
  for (const file of files) {
    if ('error' in file) {
      console.error(`extract: ${file.path}: ${file.error}`);
      continue;
    }
    const target = out && path.join(out, `${file.name}.${EXTENSIONS[format]}`);
    if (target && written.has(target)) {
      // Never overwrite one input's result with another's: say which file already took the name.
      console.error(`extract: ${file.path}: ${target} was already written from ${written.get(target)}`);
      continue;
    }
    try {
      const html = readFileSync(file.path, 'utf8');
      const article = extractFromHtml(html, { url: url ?? pathToFileURL(file.path).href, sanitise });
      const output = formatArticle(article, format, sanitise);
      if (target) {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, output);
        written.set(target, file.path);
      } else process.stdout.write(output);
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

/** An input file, with the name its output takes under --out (no extension), or an error for the path. */
type Input = { path: string; name: string } | { path: string; error: string };

/**
 * A file (output named after the file: "page.html" → "page"), or the .html/.htm files under a
 * directory, sorted (named by their path inside it: "site-a/page"), or an error for the path.
 */
function expandInput(input: string): Input[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(input);
  } catch {
    return [{ path: input, error: 'cannot read this file' }];
  }
  if (!stats.isDirectory()) return [{ path: input, name: withoutHtmlExtension(path.basename(input)) }];
  const files = readdirSync(input, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.html?$/i.test(name))
    .sort()
    .map((name) => ({ path: path.join(input, name), name: withoutHtmlExtension(name) }));
  return files.length ? files : [{ path: input, error: 'no .html files in this directory' }];
}

function withoutHtmlExtension(name: string): string {
  return name.replace(/\.html?$/i, '');
}

process.exitCode = main(process.argv.slice(2));
