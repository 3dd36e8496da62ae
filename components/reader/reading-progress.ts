/** Where the article sits in the page, in document coordinates, and the viewport's height. */
export interface ArticleGeometry {
  /** Distance from the top of the document to the top of the article. */
  articleTop: number;
  articleHeight: number;
  viewportHeight: number;
}

/**
 * How far through the article the reader is, 0..1: 0 at the top of the page (title and header in
 * view), 1 once the end of the article is in view. An article whose end is visible without
 * scrolling is wholly in view: 1.
 */
export function progressAt(scrollY: number, g: ArticleGeometry): number {
  const end = scrollEnd(g);
  if (end <= 0) return 1;
  return clamp01(scrollY / end);
}

/** The scroll position that shows `progress` (0..1) of the article: the inverse of progressAt. */
export function scrollYFor(progress: number, g: ArticleGeometry): number {
  return Math.round(clamp01(progress) * Math.max(0, scrollEnd(g)));
}

/** The scroll position at which the article's last line reaches the bottom of the viewport. */
function scrollEnd(g: ArticleGeometry): number {
  return g.articleTop + g.articleHeight - g.viewportHeight;
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * Calls `fn` at most once per `waitMs` with the latest arguments (leading and trailing), so a
 * scroll saves progress while moving and once more where it stops. `flush` runs a pending call now
 * (on page hide), `cancel` drops it.
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, waitMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    const args = pending!;
    pending = undefined;
    fn(...args);
  };
  const call = (...args: A) => {
    pending = args;
    if (timer !== undefined) return;
    const wait = last + waitMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    run();
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return call;
}
