import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type ReadmarkDb, updateProgress } from '@/utils/storage';
import { t } from '../shared/i18n';
import { findAnchor, type ReadingAnchor, scrollDeltaFor } from './reading-anchor';
import { type ArticleGeometry, progressAt, scrollYFor, throttle } from './reading-progress';

/** Progress is written at most this often while scrolling (and once more where the scroll stops). */
const SAVE_EVERY_MS = 800;
/** The line the reader's eye is taken to rest on, in viewport px: just under the sticky tool bar. */
const READING_LINE_PX = 80;

interface Options {
  db: ReadmarkDb;
  articleId: string;
  /** The element holding the article body; null until it is rendered. */
  articleRef: RefObject<HTMLElement | null>;
  /** Stored progress (0..1) to restore once the article is rendered, or null while loading. */
  savedProgress: number | null;
  /** Changes when the layout changes (font, size, width…): the reader stays at the same place. */
  layoutKey: string;
}

/**
 * Tracks how far through the article the reader is, saves it (throttled, and on leaving the page)
 * and scrolls back there when the article is opened again. When the text reflows (settings, window
 * size, panel) the text that was at the reading line is brought back to it. Nothing is saved
 * before the stored position was restored, so opening an article never overwrites where the
 * reader was.
 */
export function useReadingPosition({ db, articleId, articleRef, savedProgress, layoutKey }: Options) {
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(0);
  /** The article whose stored position was restored (then scrolling may save). */
  const restoredFor = useRef<string | null>(null);
  /** The text at the reading line, kept up to date while scrolling, to realign on reflow. */
  const anchor = useRef<ReadingAnchor | null>(null);

  useEffect(() => {
    // The page restores its own position: the browser's would land before the article loads.
    history.scrollRestoration = 'manual';
  }, []);

  // Restore once per article, as soon as it is in the DOM; and keep the place when the layout
  // changes. In a microtask: after this commit's other layout effects (ReaderApp, a parent, applies
  // the settings after its children's effects ran) but still before the browser paints.
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article || savedProgress === null) return;
    queueMicrotask(() => {
      if (restoredFor.current === articleId) {
        realign(article, anchor.current, current.current);
        current.current = progressAt(window.scrollY, geometry(article));
      } else {
        window.scrollTo({ top: scrollYFor(savedProgress, geometry(article)), behavior: 'instant' });
        current.current = savedProgress;
        restoredFor.current = articleId;
      }
      anchor.current = anchorAt(article);
      setProgress(current.current);
    });
  }, [articleId, savedProgress === null, layoutKey]);

  useEffect(() => {
    const save = throttle((value: number) => {
      updateProgress(db, articleId, value).then(
        () => setError(null),
        (cause) => setError(t('errorProgress', String(cause))),
      );
    }, SAVE_EVERY_MS);
    const onScroll = () => {
      const article = articleRef.current;
      if (!article || restoredFor.current !== articleId) return;
      anchor.current = anchorAt(article);
      const value = progressAt(window.scrollY, geometry(article));
      if (Math.abs(value - current.current) < 0.001) return;
      current.current = value;
      setProgress(value);
      save(value);
    };
    // A narrower or wider window reflows the text; the browser keeps the pixel offset, not the place.
    const onResize = () => {
      const article = articleRef.current;
      if (article && restoredFor.current === articleId) realign(article, anchor.current, current.current);
    };
    const onHide = () => save.flush();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onResize);
    // A bundled font arriving after the first paint (font-display: swap) reflows the text too.
    document.fonts?.addEventListener('loadingdone', onResize);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onResize);
      document.fonts?.removeEventListener('loadingdone', onResize);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      save.flush();
    };
  }, [db, articleId]);

  return { progress, error };
}

/** The text at the reading line; none at the very top of the page, which should stay the top. */
function anchorAt(article: HTMLElement): ReadingAnchor | null {
  return window.scrollY > 0 ? findAnchor(article, READING_LINE_PX) : null;
}

/**
 * After the text reflowed: brings the anchored text back to the reading line, or, without an
 * anchor (top of the page, or the block is gone), scrolls to the same fraction of the article.
 */
function realign(article: HTMLElement, anchor: ReadingAnchor | null, progress: number) {
  const delta = anchor && scrollDeltaFor(anchor, READING_LINE_PX);
  if (delta != null) window.scrollBy({ top: delta, behavior: 'instant' });
  else window.scrollTo({ top: scrollYFor(progress, geometry(article)), behavior: 'instant' });
}

function geometry(article: HTMLElement): ArticleGeometry {
  return {
    articleTop: article.getBoundingClientRect().top + window.scrollY,
    articleHeight: article.offsetHeight,
    viewportHeight: document.documentElement.clientHeight,
  };
}
