import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { safeUrl } from './safe-url';

/** The footnote references markdownWithInlineHighlights writes after each highlight. */
const FOOTNOTE_REF = /\[\^h\d+\]/g;

/**
 * A Turndown service set up for Obsidian-style Markdown: ATX headings, fenced code, GFM tables and
 * strikethrough, and links/images made absolute against the article's URL (unsafe or dead ones
 * become plain text); a picture found in `imagePaths` links to that (relative) path instead.
 *
 * Turndown parses HTML with the global DOMParser when there is one (browser pages, jsdom,
 * happy-dom) and with its bundled domino parser in plain Node; bundlers pick its browser build,
 * which needs DOMParser, so Markdown export runs in an extension page, not in the service worker.
 * Neither parser runs scripts or loads images.
 */
export function markdownConverter(
  baseUrl: string,
  imagePaths: ReadonlyMap<string, string> = new Map(),
): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    // `---` could be mistaken for the front matter fence by some readers.
    hr: '***',
  });
  service.escape = escapeMarkdown;
  service.use(gfm);
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed']);
  // GFM's plugin writes ~single~ tildes; Obsidian and most renderers want two.
  service.addRule('strikethrough', {
    filter: ['del', 's'],
    replacement: (content) => (content.trim() ? `~~${content}~~` : content),
  });
  // A `|` or a line break inside a cell would break the table row.
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const cell = content
        .replace(/\|/g, '\\|')
        .replace(/\s*\n+\s*/g, ' ')
        .trim();
      const first = (node.parentNode as Element | null)?.firstElementChild === node;
      return `${first ? '| ' : ' '}${cell} |`;
    },
  });
  // GFM's plugin keeps a table without a heading row as raw HTML: Obsidian shows it, but it is not
  // Markdown and highlights inside cannot be marked. Give it an empty heading row instead, and keep
  // a caption as a paragraph above (a non-row line would end the table).
  service.addRule('table', {
    filter: 'table',
    replacement: (content) => {
      const lines = content.split('\n').filter((line) => line.trim());
      const rows = lines.filter((line) => line.startsWith('|'));
      const caption = lines.filter((line) => !line.startsWith('|')).join(' ');
      if (!rows.length) return `\n\n${caption}\n\n`;
      const cells = Math.max(...rows.map((row) => row.replace(/\\\|/g, '').split('|').length - 2));
      const heading = rows.length > 1 && /^\|(?: *:?-+:? *\|)+$/.test(rows[1] ?? '');
      const table = heading ? rows : [`|${'  |'.repeat(cells)}`, `|${' --- |'.repeat(cells)}`, ...rows];
      return `\n\n${caption ? `${caption}\n\n` : ''}${table.join('\n')}\n\n`;
    },
  });
  service.addRule('safeLink', {
    filter: 'a',
    replacement: (content, node) => {
      const href = safeUrl((node as Element).getAttribute('href'), baseUrl);
      if (!href) return content;
      // A highlight's footnote reference inside link text would nest a link in a link: move it after.
      const footnotes = content.match(FOOTNOTE_REF) ?? [];
      const text = content.replace(FOOTNOTE_REF, '').trim() || escapeMarkdown(href);
      return `[${text}](${markdownDestination(href)})${footnotes.join('')}`;
    },
  });
  service.addRule('safeImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as Element;
      const alt = escapeMarkdown((element.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
      const src = safeUrl(element.getAttribute('src'), baseUrl);
      // A stored picture links to its file in the export (relative); others keep their web address.
      const stored = src && imagePaths.get(src);
      if (stored) return `![${alt}](${markdownDestination(stored)})`;
      return src?.startsWith('http') ? `![${alt}](${markdownDestination(src)})` : alt;
    },
  });
  return service;
}

/** A URL (already percent-encoded by URL) as a Markdown link destination: a parenthesis would end it early. */
function markdownDestination(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/**
 * Turndown's escaping plus `<` and entity-like `&`: text that merely looks like HTML
 * (`<img onerror=…>` written out in an article about XSS) must not become HTML in a Markdown
 * renderer that allows it. Called off the prototype because the instance's `escape` is replaced
 * while inline highlights are laid out, and only text nodes may go through that one.
 */
export function escapeMarkdown(text: string): string {
  return TurndownService.prototype
    .escape(text)
    .replace(/</g, '\\<')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&');
}

/** escapeMarkdown line by line: Turndown's line-start escapes (`#`, `-`, `>`, `1.`) only look at the string's start. */
export function escapeMarkdownLines(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map(escapeMarkdown)
    .join('\n');
}
