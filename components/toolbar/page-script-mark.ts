/**
 * Whether the in-page UI's content script runs in this page. It is marked in the extension's
 * isolated world, which the page's own scripts cannot see and which the capture script shares:
 * the capture reports it, so the popup injects the UI at once when it is missing instead of
 * asking the page first (a question whose answer, on a loaded machine, could come after the
 * reader had already closed the popup, and the UI was then never injected).
 */
const MARK = Symbol.for('readmark.pageScript');
type Marked = typeof globalThis & { [MARK]?: object };

/** Marks this copy of the content script as the page's; the returned function unmarks it. */
export function markPageScript(): () => void {
  const scope = globalThis as Marked;
  const copy = {};
  scope[MARK] = copy;
  // A newer copy (a second injection) marks itself before this one is invalidated: only this
  // copy's own mark is taken back.
  return () => {
    if (scope[MARK] === copy) delete scope[MARK];
  };
}

export function pageScriptMarked(): boolean {
  return (globalThis as Marked)[MARK] !== undefined;
}
