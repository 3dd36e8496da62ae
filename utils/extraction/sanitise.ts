import createDOMPurify from 'dompurify';

/** Turns untrusted article HTML into HTML that is safe to store and to render. */
export type Sanitiser = (html: string) => string;

// Only these URL schemes survive: http(s), mailto, and in-page fragments (and relative URLs,
// which the pipeline has already made absolute). Everything else (javascript:, data:, vbscript:,
// blob:, chrome-extension:...) is dropped, whatever its case or leading whitespace.
const SAFE_URL = /^(?:https?:|mailto:|#)/i;
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'action', 'formaction', 'xlink:href'];
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
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  const sanitise: Sanitiser = (html) =>
    purify.sanitize(html, {
      FORBID_TAGS: [
        'style',
        'form',
        'input',
        'button',
        'select',
        'textarea',
        'iframe',
        'frame',
        'object',
        'embed',
        'base',
        'meta',
        'link',
      ],
      FORBID_ATTR: ['style', 'srcset', 'ping', 'formaction', 'action', 'srcdoc'],
      ADD_ATTR: ['target'],
      ALLOW_DATA_ATTR: false,
    });
  const probe = sanitise(PROBE);
  if (/onerror|javascript:/i.test(probe)) throw new Error('DOMPurify is not effective in this window');
  return sanitise;
}
