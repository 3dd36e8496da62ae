import createDOMPurify from 'dompurify';
import { CodedError } from '@/utils/model';
import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_TAGS, SAFE_URL, URL_ATTRIBUTES } from './url-policy';

/** Turns untrusted article HTML into HTML that is safe to store and to render. */
export type Sanitiser = (html: string) => string;

const PROBE = '<img src="x" onerror="alert(1)"><a href=" JavaScript:alert(1)">x</a>';

/** A code block's language, the one class kept: letters, digits and `+#._-` only (no backtick, no space). */
const CODE_LANGUAGE = /^language-[\w+#.-]{1,40}$/;
const LEAVES_PAGE = /^(?:https?|mailto):/i;

/**
 * Classes are dropped except `language-*` on <code>: Markdown export writes a code block's
 * language from its class into the fence line, and a class carrying a backtick or a space there
 * would end the fence early and let the code (raw text) out as HTML. Other classes drive
 * converters too (GFM's `highlight-source-*`), and Readmark's own styles never rely on them.
 */
function keepCodeLanguageOnly(node: Element): void {
  const classes = node.getAttribute('class');
  if (classes === null) return;
  const kept = node.localName === 'code' ? classes.split(/\s+/).filter((c) => CODE_LANGUAGE.test(c)) : [];
  if (kept.length) node.setAttribute('class', kept.join(' '));
  else node.removeAttribute('class');
}

/**
 * Every link that leaves the article (HTML <a>, image-map <area>, SVG <a> with href or
 * xlink:href) opens a new tab with no opener and no referrer; any other `target` goes, so no
 * element can aim at the reader's own tab or frame.
 */
function fixLinkTargets(node: Element): void {
  const isLink = node.localName === 'a' || node.localName === 'area';
  const href = isLink ? (node.getAttribute('href') ?? node.getAttribute('xlink:href') ?? '') : '';
  if (isLink && LEAVES_PAGE.test(href.trim())) {
    node.setAttribute('rel', 'noopener noreferrer');
    node.setAttribute('target', '_blank');
  } else {
    node.removeAttribute('target');
  }
}

const unavailable = (why: string) => new CodedError({ code: 'sanitiser-unavailable' }, why);

/**
 * A sanitiser backed by DOMPurify in `win`. Throws `sanitiser-unavailable` when DOMPurify cannot
 * work in that window (linkedom, and happy-dom 21, return their input unchanged; so might an old
 * or unusual browser): a sanitiser that does nothing must never be mistaken for one that works.
 */
export function createSanitiser(win: Parameters<typeof createDOMPurify>[0]): Sanitiser {
  const purify = createDOMPurify(win);
  if (!purify.isSupported) throw unavailable('DOMPurify is not supported in this window');
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute?.(name);
      if (value != null && !SAFE_URL.test(value.trim())) node.removeAttribute(name);
    }
    if (!node.getAttribute) return; // text and comment nodes pass through this hook too
    keepCodeLanguageOnly(node);
    fixLinkTargets(node);
  });
  // Set once: a configuration passed to every sanitize() call is parsed again each time (its tag
  // and attribute sets rebuilt), and an article comes with a sanitise per removed block.
  purify.setConfig({
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ADD_ATTR: ['target'],
    ALLOW_DATA_ATTR: false,
  });
  const sanitise: Sanitiser = (html) => purify.sanitize(html);
  const probe = sanitise(PROBE);
  if (/onerror|javascript:/i.test(probe)) throw unavailable('DOMPurify is not effective in this window');
  return sanitise;
}
