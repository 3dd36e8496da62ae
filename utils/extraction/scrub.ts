import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_TAGS, SAFE_URL, URL_ATTRIBUTES } from './url-policy';
import { walkElements } from './walk-elements';

const FORBIDDEN_TAG_SET = new Set(FORBIDDEN_TAGS);
const FORBIDDEN_ATTRIBUTE_SET = new Set([...FORBIDDEN_ATTRIBUTES, 'class']);
const URL_ATTRIBUTE_SET = new Set(URL_ATTRIBUTES);

/**
 * Applies the URL and tag policy to a subtree with plain DOM calls, so it works where DOMPurify
 * cannot (linkedom in a Worker): drops forbidden elements, event handlers, data-* attributes,
 * classes and unsafe URLs. Not a replacement for the sanitiser: a second line behind it, and the
 * only one where no real DOM exists (the caller sanitises again before rendering).
 */
export function scrub(root: Element, collect: ReadonlySet<string> = NOTHING): Map<string, Element[]> {
  const found = new Map<string, Element[]>();
  scrubAttributes(root);
  walkElements(root, (el) => {
    const tag = el.localName;
    if (FORBIDDEN_TAG_SET.has(tag)) {
      el.remove();
      return false;
    }
    if (collect.has(tag)) {
      const list = found.get(tag);
      if (list) list.push(el);
      else found.set(tag, [el]);
    }
    scrubAttributes(el);
    return true;
  });
  return found;
}

/** Whether the policy drops this element whole (the caller decides what to do with a root). */
export function isForbiddenTag(el: Element): boolean {
  return FORBIDDEN_TAG_SET.has(el.localName);
}

function scrubAttributes(el: Element): void {
  if (!el.hasAttributes()) return;
  for (const { name, value } of [...el.attributes]) {
    const lower = name.toLowerCase();
    const drop =
      lower.startsWith('on') ||
      lower.startsWith('data-') ||
      FORBIDDEN_ATTRIBUTE_SET.has(lower) ||
      (URL_ATTRIBUTE_SET.has(lower) && !SAFE_URL.test(value.trim()));
    if (drop) el.removeAttribute(name);
  }
}

const NOTHING: ReadonlySet<string> = new Set();
