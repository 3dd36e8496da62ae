import type { ArticleMeta } from '@/utils/model';

// YAML allows only printable characters in a document, even inside quotes: C1 controls, DEL,
// U+FFFE/U+FFFF and lone surrogates must be written as escapes. JSON.stringify already escapes
// C0 controls and lone surrogates; this catches the rest, plus the characters some YAML 1.1
// readers take for line breaks (NEL, U+2028, U+2029) and a stray byte-order mark.
// `<`, `>` and `&` are escaped too: a Markdown renderer that does not know front matter shows
// it as text, and HTML-allowing ones would otherwise meet a page title's markup raw.
const NON_PRINTABLE = /[\u007f-\u009f\ufeff\ufffe\uffff\u2028\u2029<>&]/g;

/**
 * A YAML double-quoted scalar. JSON strings are YAML 1.2 double-quoted scalars, so every quote,
 * colon, newline, `---` or `#` in the value stays inside the string.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    NON_PRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Epoch ms as an ISO 8601 string, or null for a value no Date can hold. */
export function isoDate(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The YAML front matter block (with its `---` fences) Obsidian and static site generators read.
 * Every string is quoted; fields the article does not have are left out rather than left empty.
 */
export function frontMatter(meta: ArticleMeta): string {
  const saved = isoDate(meta.savedAt);
  const fields: [string, string | null][] = [
    ['title', yamlString(meta.title)],
    ['author', meta.byline ? yamlString(meta.byline) : null],
    ['site', meta.siteName ? yamlString(meta.siteName) : null],
    ['url', yamlString(meta.url)],
    ['canonical', yamlString(meta.canonicalUrl)],
    ['published', meta.publishedTime ? yamlString(meta.publishedTime) : null],
    ['saved', saved ? yamlString(saved) : null],
    ['tags', meta.tags.length ? `\n${meta.tags.map((tag) => `  - ${yamlString(tag)}`).join('\n')}` : '[]'],
    ['reading_time', Number.isFinite(meta.readingTimeMinutes) ? String(meta.readingTimeMinutes) : null],
  ];
  const lines = fields
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}:${value?.startsWith('\n') ? '' : ' '}${value}`);
  return `---\n${lines.join('\n')}\n---`;
}
