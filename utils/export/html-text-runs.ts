/** A run of text between two tags of serialised HTML, decoded, with a way back to the source. */
export interface HtmlTextRun {
  /** Source offsets of the run. */
  start: number;
  end: number;
  /** Decoded text (entities resolved). */
  text: string;
  /** Source offset just after the `</a>` closing the link this run is in, if it is in one. */
  linkEnd?: number;
  /** For each code unit of `text`: where its character reference starts in the source... */
  unitStart: number[];
  /** ...and where it ends. */
  unitEnd: number[];
}

// Elements whose content is not HTML text (or must not get <mark>s: SVG and MathML).
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);
const FOREIGN = new Set(['svg', 'math']);
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/y;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/y;
const DECLARATION = /<[!?][^>]*>?/y;
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text runs of serialised HTML, in document order, as the DOM serialiser (DOMPurify's output)
 * writes it: tags with quoted attributes, text with `&amp;`-style references. Text inside
 * raw-text elements, comments, SVG and MathML is skipped.
 */
export function htmlTextRuns(html: string): HtmlTextRun[] {
  const runs: HtmlTextRun[] = [];
  let foreignDepth = 0;
  // Index of the first run inside each open <a>, innermost last.
  const links: number[] = [];
  let textStart = 0;
  let pos = 0;
  const flush = (end: number) => {
    if (end > textStart && foreignDepth === 0)
      runs.push({ start: textStart, end, ...decode(html, textStart, end) });
  };
  while (pos < html.length) {
    const at = html.indexOf('<', pos);
    if (at < 0) break;
    const match = matchAt(COMMENT, html, at) ?? matchAt(TAG, html, at) ?? matchAt(DECLARATION, html, at);
    if (!match) {
      pos = at + 1;
      continue;
    }
    flush(at);
    pos = at + match[0].length;
    const name = (match[2] ?? '').toLowerCase();
    const closing = match[1] === '/';
    const selfClosing = match[0].endsWith('/>');
    if (FOREIGN.has(name) && !selfClosing) foreignDepth = Math.max(0, foreignDepth + (closing ? -1 : 1));
    if (name === 'a' && !closing && !selfClosing) links.push(runs.length);
    if (name === 'a' && closing && links.length) {
      // Outer links close last and overwrite, so a run ends up with the outermost link's end.
      for (const run of runs.slice(links.pop())) run.linkEnd = pos;
    }
    if (RAW_TEXT.has(name) && !closing && !selfClosing) {
      const end = new RegExp(`</${name}[^>]*>`, 'ig');
      end.lastIndex = pos;
      const found = end.exec(html);
      pos = found ? found.index + found[0].length : html.length;
    }
    textStart = pos;
  }
  flush(html.length);
  return runs;
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function decode(html: string, start: number, end: number): Omit<HtmlTextRun, 'start' | 'end'> {
  let text = '';
  const unitStart: number[] = [];
  const unitEnd: number[] = [];
  for (let i = start; i < end; ) {
    const ref = html[i] === '&' ? matchAt(REFERENCE, html, i) : null;
    const next = ref && i + ref[0].length <= end ? i + ref[0].length : i + 1;
    const decoded = ref && next > i + 1 ? referenceText(ref) : (html[i] as string);
    for (let k = 0; k < decoded.length; k++) {
      unitStart.push(i);
      unitEnd.push(next);
    }
    text += decoded;
    i = next;
  }
  return { text, unitStart, unitEnd };
}

function referenceText(ref: RegExpExecArray): string {
  if (ref[3]) return NAMED[ref[3]] ?? ref[0];
  const code = ref[1] ? Number.parseInt(ref[1], 10) : Number.parseInt(ref[2] ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}
