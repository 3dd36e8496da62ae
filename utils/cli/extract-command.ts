/**
 * The extraction command's work (`npm run extract`, whose entry is extract.ts): arguments in,
 * results and messages out through `CommandOutput`, an exit code back.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { createSanitiser, extractFromHtml } from '@/utils/extraction';
import type { CommandOutput } from './command-output';
import { EXTENSIONS, FORMATS, type Format, formatArticle } from './format-article';

const USAGE = `usage: npm run extract -- [--url URL] [--format ${FORMATS.join('|')}] [--out DIR] <file.html|dir>...`;

/** One run of the command over `argv` (the arguments after the script); answers its exit code. */
export function runExtract(argv: string[], output: CommandOutput): number {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    output.error(`extract: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { url, format, out, inputs } = parsed;
  const files = inputs.flatMap(expandInput);
  const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
  const written = new Map<string, string>();
  let succeeded = 0;
  for (const file of files) {
    if ('error' in file) {
      output.error(`extract: ${file.path}: ${file.error}`);
      continue;
    }
    const target = out && path.join(out, `${file.name}.${EXTENSIONS[format]}`);
    if (target && written.has(target)) {
      // Never overwrite one input's result with another's: say which file already took the name.
      output.error(`extract: ${file.path}: ${target} was already written from ${written.get(target)}`);
      continue;
    }
    try {
      const html = readFileSync(file.path, 'utf8');
      const article = extractFromHtml(html, { url: url ?? pathToFileURL(file.path).href, sanitise });
      const result = formatArticle(article, format, sanitise);
      if (target) {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, result);
        written.set(target, file.path);
      } else output.out(result);
      succeeded++;
    } catch (error) {
      output.error(`extract: ${file.path}: ${(error as Error).message}`);
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
