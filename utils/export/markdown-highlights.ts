import type TurndownService from 'turndown';
import type { Highlight, HighlightColor } from '@/utils/model';
import { layoutHighlights } from './layout-highlights';
import { escapeMarkdown, escapeMarkdownLines } from './markdown-converter';

export interface InlineMarkdown {
  markdown: string;
  /** Highlights marked in the text, in reading order, with the footnote label after each. */
  placed: { highlight: Highlight; label: string }[];
  /** Highlights whose quote could not be marked: the caller lists them so none is lost. */
  unplaced: Highlight[];
}

/**
 * Converts `html` with `==highlight==` marks and a footnote reference after each highlight.
 * Turndown hands every text node to `escape` in document order, so a first pass collects the text
 * nodes, the highlights are laid out over them, and a second pass writes the marks. A highlight
 * whose reference did not reach the output (inside a table GFM keeps as HTML, say) counts as unplaced.
 */
export function markdownWithInlineHighlights(
  service: TurndownService,
  html: string,
  highlights: readonly Highlight[],
): InlineMarkdown {
  const segments: string[] = [];
  service.escape = (text) => {
    segments.push(text);
    return escapeMarkdown(text);
  };
  service.turndown(html);
  const layout = layoutHighlights(
    segments,
    highlights.map((h) => h.quote),
  );
  const labels = new Map<number, string>();
  let seg = 0;
  service.escape = (text) => {
    const pieces = layout.pieces.get(seg++) ?? [];
    let out = '';
    let pos = 0;
    for (const piece of pieces) {
      out += `${escapeMarkdown(text.slice(pos, piece.start))}==${escapeMarkdown(text.slice(piece.start, piece.end))}==`;
      if (piece.last) {
        const label = `h${labels.size + 1}`;
        labels.set(piece.highlight, label);
        out += `[^${label}]`;
      }
      pos = piece.end;
    }
    return out + escapeMarkdown(text.slice(pos));
  };
  const markdown = service.turndown(html);
  const placed: InlineMarkdown['placed'] = [];
  for (const [index, label] of labels) {
    if (markdown.includes(`[^${label}]`)) placed.push({ highlight: highlights[index] as Highlight, label });
  }
  const placedSet = new Set(placed.map((p) => p.highlight));
  return { markdown, placed, unplaced: highlights.filter((h) => !placedSet.has(h)) };
}

/** Footnote definitions for inline highlights: colour, then the note (continuation lines indented). */
export function highlightFootnotes(
  placed: InlineMarkdown['placed'],
  names: Record<HighlightColor, string>,
): string {
  return placed
    .map(({ highlight, label }) => {
      const note = highlight.note.trim()
        ? ` ${indent(escapeMarkdownLines(highlight.note.trim()), '    ')}`
        : '';
      return `[^${label}]: *${escapeMarkdown(colorName(highlight.color, names))}*${note ? `:${note}` : ''}`;
    })
    .join('\n');
}

/**
 * A "## Highlights"-style section: each quote as a blockquote, then its colour and note. A
 * highlight without a note carries its colour at the end of the quote instead: a colour name
 * alone on a line reads as stray text.
 */
export function highlightSection(
  heading: string,
  highlights: readonly Highlight[],
  names: Record<HighlightColor, string>,
): string {
  const items = [...highlights]
    .sort((a, b) => a.position.start - b.position.start || a.createdAt - b.createdAt)
    .map((h) => {
      const quote = indent(escapeMarkdownLines(h.quote.exact.trim()), '> ');
      const color = `*${escapeMarkdown(colorName(h.color, names))}*`;
      const note = h.note.trim();
      return note ? `> ${quote}\n\n${color}: ${escapeMarkdownLines(note)}` : `> ${quote} — ${color}`;
    });
  return `## ${heading}\n\n${items.join('\n\n')}`;
}

function colorName(color: HighlightColor, names: Record<HighlightColor, string>): string {
  return names[color] ?? color;
}

/** Prefixes every line but the first with `prefix`, so multi-line text stays inside its block. */
function indent(text: string, prefix: string): string {
  return text.replace(/\r\n?|\n/g, `\n${prefix}`);
}
