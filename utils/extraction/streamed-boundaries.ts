import { safeGet } from './defuse-page';
import { walkElements } from './walk-elements';

/**
 * React's streaming server rendering (Next.js and others) sends a page's shell first, with a
 * placeholder where each part still loading will go: `<!--$?--><template id="B:0"></template>`
 * and a fallback ("Loading…") up to `<!--/$-->`. The finished part follows later in the same
 * response, at the end of the body, as `<div hidden id="S:0">…</div>`, and an inline script
 * (`$RC("B:0","S:0")`, or `$RS("S:1","P:1")` for a `<template id="P:1">` placeholder) moves it
 * into place. A live page has run those scripts; HTML read as it came (a file given to
 * `npm run extract`, a page captured before its scripts ran) still holds the article in hidden
 * divs after the footer, which prepare drops as hidden: on train articles, the whole text of
 * some pages. This does what the scripts do: each placeholder gets its part's content, the
 * fallback goes. Which part goes where is read from the scripts' calls when the page still has
 * them, else from the numbers (B:n and P:n take S:n, as React numbers them on the pages that
 * lost their scripts). Structure only: ids of this form, `hidden`, React's comment markers.
 */
export function completeStreamedBoundaries(doc: Document): void {
  const root = safeGet<Element | null>(doc, 'documentElement');
  if (!root) return;
  // One walk for the three kinds of element (each getElementsByTagName walks the whole page).
  const parts = new Map<string, Element>();
  const placeholders: Element[] = [];
  const scripts: Element[] = [];
  walkElements(root, (el) => {
    const tag = el.localName;
    if (tag === 'script') scripts.push(el);
    else if (tag === 'template') placeholders.push(el);
    else if (tag === 'div' && el.hasAttribute('hidden')) {
      const id = el.getAttribute('id');
      if (id && PART_ID.test(id)) parts.set(id, el);
    }
    return true;
  });
  if (parts.size === 0) return;
  const calls = scriptCalls(scripts);
  for (const template of placeholders) {
    const id = template.getAttribute('id') ?? '';
    const placeholder = PLACEHOLDER_ID.exec(id);
    if (!placeholder || !template.parentNode) continue;
    const partId = calls.get(id) ?? `S:${placeholder[2]}`;
    const part = parts.get(partId);
    if (!part) continue;
    if (placeholder[1] === 'B') removeFallback(template);
    template.replaceWith(...part.childNodes);
    part.remove();
    parts.delete(partId);
  }
}

const PART_ID = /^S:[0-9a-f]+$/;
const PLACEHOLDER_ID = /^([BP]):([0-9a-f]+)$/;
// $RC("B:0","S:2") completes a boundary; $RS("S:1","P:1") fills a placeholder (arguments swapped).
const COMPLETE_CALL = /\$RC\(\s*"(B:[0-9a-f]+)"\s*,\s*"(S:[0-9a-f]+)"/g;
const SEGMENT_CALL = /\$RS\(\s*"(S:[0-9a-f]+)"\s*,\s*"(P:[0-9a-f]+)"/g;

/** Placeholder id → part id, from the page's inline scripts (none when they were stripped). */
function scriptCalls(scripts: readonly Element[]): Map<string, string> {
  const calls = new Map<string, string>();
  for (const script of scripts) {
    const code = script.textContent ?? '';
    if (!code.includes('$R')) continue;
    for (const [, boundary, part] of code.matchAll(COMPLETE_CALL)) calls.set(boundary!, part!);
    for (const [, part, placeholder] of code.matchAll(SEGMENT_CALL)) calls.set(placeholder!, part!);
  }
  return calls;
}

/**
 * Removes a boundary's fallback: what follows its template up to the `<!--/$-->` that closes it
 * (nested boundaries, `<!--$-->`, `<!--$?-->` or `<!--$!-->`, are skipped whole). React does the
 * same; without the closing comment nothing is removed.
 */
function removeFallback(template: Element): void {
  const fallback: Node[] = [];
  let depth = 0;
  for (let node = template.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === COMMENT_NODE) {
      const data = (node as Comment).data;
      if (data === '/$') {
        if (depth === 0) {
          for (const each of fallback) each.parentNode?.removeChild(each);
          return;
        }
        depth--;
      } else if (data === '$' || data === '$?' || data === '$!') depth++;
    }
    fallback.push(node);
  }
}

const COMMENT_NODE = 8;
