/**
 * Readmark's HTML policy, shared by the DOM-only scrub (runs everywhere, linkedom included) and the
 * DOMPurify sanitiser (real DOMs only), so both enforce the same thing.
 */

// Only these URL schemes survive: http(s), mailto, and in-page fragments (relative URLs were made
// absolute by prepare). Everything else (javascript:, data:, vbscript:, blob:, chrome-extension:…)
// is dropped, whatever its case or leading whitespace.
export const SAFE_URL = /^(?:https?:|mailto:|#)/i;
export const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'action', 'formaction', 'xlink:href'];
export const FORBIDDEN_TAGS = [
  'script',
  'noscript',
  'template',
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
];
export const FORBIDDEN_ATTRIBUTES = ['style', 'srcset', 'ping', 'formaction', 'action', 'srcdoc'];
