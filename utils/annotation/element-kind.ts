/**
 * How the text model treats an element: `skip` (its subtree contributes no text), `block` (its
 * edges separate words, like a line break) or `inline` (its text runs on into its neighbours').
 *
 * The rules are deliberately attribute-only (no computed style): they must give the same answer
 * on the saved reader copy and on the live page, in a Worker, in Node and in the browser. They
 * mirror what Readability drops as invisible (`hidden`, `aria-hidden="true"`, inline
 * `display:none` / `visibility:hidden`), so the saved text and the live text agree.
 */
export type ElementKind = 'skip' | 'block' | 'inline';

/** Elements whose content is never prose the reader sees (or sees as form input, not article). */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'textarea',
  'select',
  'button',
]);

/** Elements that break lines (HTML's block-level and table parts, plus media and `br`). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'audio',
  'blockquote',
  'body',
  'br',
  'canvas',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'img',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'picture',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'video',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** Classifies an element for the text model (see the module comment for the rules). */
export function elementKind(el: Element): ElementKind {
  const name = (el.localName || el.nodeName).toLowerCase();
  if (SKIPPED.has(name)) return 'skip';
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return 'skip';
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return 'skip';
  return BLOCK.has(name) ? 'block' : 'inline';
}
