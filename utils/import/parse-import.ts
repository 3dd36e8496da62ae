import { CodedError, describeThrown, err, fail, ok, type Result } from '@/utils/model';
import { csvHeader, readCsv } from './csv';
import { isHypothesisExport, parseHypothesis } from './formats/hypothesis';
import { parseInstapaper } from './formats/instapaper';
import { parseNetscape } from './formats/netscape';
import { isObsidianExport, parseObsidian } from './formats/obsidian';
import { isOmnivoreMetadata, parseOmnivoreZip } from './formats/omnivore';
import { isCsvPart, parsePocketCsv, parsePocketHtml, parsePocketZip } from './formats/pocket';
import { parseReadwise } from './formats/readwise';
import { isWallabagExport, parseWallabag } from './formats/wallabag';
import type { HtmlParser, ParsedImport } from './types';
import { looksLikeZip, readZip, stripBom } from './zip';

/**
 * Reads an export file of another tool, recognised from its content (never its name), into
 * Readmark's terms. A file that is no supported export, or is truncated or damaged, is
 * `{ ok: false }` with a message for the reader; nothing is half-read.
 */
export function parseImportFile(bytes: Uint8Array, parseHtml: HtmlParser): Result<ParsedImport> {
  if (bytes.length === 0) return err('import-empty');
  try {
    return ok(parse(bytes, parseHtml));
  } catch (error) {
    return fail(
      error instanceof CodedError
        ? error.error
        : { code: 'import-unreadable', data: { detail: describeThrown(error) } },
    );
  }
}

function parse(bytes: Uint8Array, parseHtml: HtmlParser): ParsedImport {
  if (looksLikeZip(bytes)) {
    const files = readZip(bytes);
    const names = Object.keys(files);
    if (names.some(isCsvPart)) return parsePocketZip(files);
    if (names.some(isOmnivoreMetadata)) return parseOmnivoreZip(files);
    throw new CodedError({ code: 'import-zip-unknown' });
  }
  const text = stripBom(new TextDecoder('utf-8').decode(bytes));
  const start = text.trimStart().charAt(0);
  if (start === '{' || start === '[') return parseJson(text, parseHtml);
  if (start === '<') return parseHtmlFile(text, parseHtml);
  return parseCsvFile(text);
}

function parseJson(text: string, parseHtml: HtmlParser): ParsedImport {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new CodedError({ code: 'import-json-unreadable', data: { detail: describeThrown(error) } });
  }
  if (isHypothesisExport(root)) return parseHypothesis(root);
  if (isWallabagExport(root)) return parseWallabag(root as unknown[]);
  if (isObsidianExport(root)) return parseObsidian(root as unknown[], parseHtml);
  if (Array.isArray(root) && root.length === 0) throw new CodedError({ code: 'import-empty-list' });
  throw new CodedError({ code: 'import-json-unknown' });
}

function parseHtmlFile(text: string, parseHtml: HtmlParser): ParsedImport {
  const head = text.slice(0, 4096);
  if (/NETSCAPE-Bookmark-file/i.test(head)) return parseNetscape(parseHtml(text));
  if (/<title>\s*Pocket Export\s*<\/title>/i.test(head) || /<a\s[^>]*\btime_added=/i.test(text))
    return parsePocketHtml(parseHtml(text));
  throw new CodedError({ code: 'import-html-unknown' });
}

function parseCsvFile(text: string): ParsedImport {
  const header = csvHeader(text).map((cell) => cell.toLowerCase());
  const has = (...names: string[]) => names.every((name) => header.includes(name));
  const parser = has('url', 'title', 'selection', 'folder')
    ? parseInstapaper
    : has('highlight', 'book title', 'book author')
      ? parseReadwise
      : has('title', 'url', 'time_added', 'status')
        ? parsePocketCsv
        : null;
  if (!parser) throw new CodedError({ code: 'import-csv-unknown' });
  const csv = readCsv(text);
  if ('error' in csv) throw new CodedError({ code: 'import-csv-damaged', data: { detail: csv.error } });
  return parser(csv.rows);
}
