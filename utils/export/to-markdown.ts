import {
  type ArticleContent,
  type ArticleMeta,
  DEFAULT_COLOR_NAMES,
  type Highlight,
  type HighlightColor,
} from '@/utils/model';
import { frontMatter } from './front-matter';
import { escapeMarkdown, markdownConverter } from './markdown-converter';
import { highlightFootnotes, highlightSection, markdownWithInlineHighlights } from './markdown-highlights';

export interface MarkdownOptions {
  /** Mark highlights in the body as `==text==` with footnotes, instead of a "Highlights" section. */
  inlineHighlights?: boolean;
  /** Display names for the colours (the UI's, possibly translated). */
  colorNames?: Partial<Record<HighlightColor, string>>;
  /** Stored pictures by the URL the article names them with → relative path of their file (zip export). */
  imagePaths?: ReadonlyMap<string, string>;
}

/**
 * One article as an Obsidian-ready Markdown file: YAML front matter, `# Title`, the body (GFM), then
 * the highlights with their colours and notes. With `inlineHighlights`, highlights are marked in
 * the body; any that cannot be marked are still listed at the end, so no note is ever lost.
 * `content.contentHtml` must be the stored, sanitised HTML; links are made absolute against
 * `meta.url` and unsafe ones dropped.
 */
export function toMarkdown(
  meta: ArticleMeta,
  content: ArticleContent,
  highlights: readonly Highlight[],
  options: MarkdownOptions = {},
): string {
  const names = { ...DEFAULT_COLOR_NAMES, ...options.colorNames };
  const service = markdownConverter(meta.url, options.imagePaths);
  const parts = [frontMatter(meta), `# ${escapeMarkdown(meta.title.replace(/\s+/g, ' ').trim())}`];
  if (options.inlineHighlights && highlights.length) {
    const inline = markdownWithInlineHighlights(service, content.contentHtml, highlights);
    parts.push(inline.markdown);
    if (inline.unplaced.length)
      parts.push(highlightSection('Highlights not found in the text', inline.unplaced, names));
    if (inline.placed.length) parts.push(highlightFootnotes(inline.placed, names));
  } else {
    parts.push(service.turndown(content.contentHtml));
    if (highlights.length) parts.push(highlightSection('Highlights', highlights, names));
  }
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
