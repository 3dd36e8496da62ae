import createDOMPurify from 'dompurify';
import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_TAGS, SAFE_URL, URL_ATTRIBUTES } from './url-policy';

/** Turns untrusted article HTML into HTML that is safe to store and to render. */
export type Sanitiser = (html: string) => string;

const PROBE = '<img src="x" onerror="alert(1)"><a href=" JavaScript:alert(1)">x</a>';

/**
 * A sanitiser backed by DOMPurify in `win`. Throws when DOMPurify cannot work in that window
 * (linkedom, and happy-dom 21, return their input unchanged): a sanitiser that does nothing
 * must never be mistaken for one that works.
 */
export function createSanitiser(win: Parameters<typeof createDOMPurify>[0]): Sanitiser {
  const purify = createDOMPurify(win);
  if (!purify.isSupported) throw new Error('DOMPurify is not supported in this window');
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute?.(name);
      if (value != null && !SAFE_URL.test(value.trim())) node.removeAttribute(name);
    }
    // Links leave the reader in a new tab; in-page fragments stay put.
    if (node.tagName === 'A' && /^(?:https?|mailto):/i.test(node.getAttribute('href') ?? '')) {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  const sanitise: Sanitiser = (html) =>
    purify.sanitize(html, {
      FORBID_TAGS: FORBIDDEN_TAGS,
      FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
      ADD_ATTR: ['target'],
      ALLOW_DATA_ATTR: false,
    });
  const probe = sanitise(PROBE);
  if (/onerror|javascript:/i.test(probe)) throw new Error('DOMPurify is not effective in this window');
  return sanitise;
}
