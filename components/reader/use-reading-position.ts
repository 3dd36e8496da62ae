import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type ReadmarkDb, updateProgress } from '@/utils/storage';
import { t } from '../shared/i18n';
import { type ArticleGeometry, progressAt, scrollYFor, throttle } from './reading-progress';

/** Progress is written at most this often while scrolling (and once more where the scroll stops). */
const SAVE_EVERY_MS = 800;

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
 * and scrolls back there when the article is opened again or reflows (settings, window size). Nothing is saved before the
 * stored position was restored, so opening an article never overwrites where the reader was.
 */
export function useReadingPosition({ db, articleId, articleRef, savedProgress, layoutKey }: Options) {
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(0);
  /** The article whose stored position was restored (then scrolling may save). */
  const restoredFor = useRef<string | null>(null);

  useEffect(() => {
    // The page restores its own position: the browser's would land before the article loads.
    history.scrollRestoration = 'manual';
  }, []);

  // Restore once per article, as soon as it is in the DOM; and keep the place when the layout changes.
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article || savedProgress === null) return;
    const target = restoredFor.current === articleId ? current.current : savedProgress;
    window.scrollTo({ top: scrollYFor(target, geometry(article)), behavior: 'instant' });
    current.current = target;
    setProgress(target);
    restoredFor.current = articleId;
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
      const value = progressAt(window.scrollY, geometry(article));
      if (Math.abs(value - current.current) < 0.001) return;
      current.current = value;
      setProgress(value);
      save(value);
    };
    // A narrower or wider window reflows the text; the browser keeps the pixel offset, not the place.
    const onResize = () => {
      const article = articleRef.current;
      if (!article || restoredFor.current !== articleId) return;
      window.scrollTo({ top: scrollYFor(current.current, geometry(article)), behavior: 'instant' });
    };
    const onHide = () => save.flush();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onResize);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onResize);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      save.flush();
    };
  }, [db, articleId]);

  return { progress, error };
}

function geometry(article: HTMLElement): ArticleGeometry {
  return {
    articleTop: article.getBoundingClientRect().top + window.scrollY,
    articleHeight: article.offsetHeight,
    viewportHeight: document.documentElement.clientHeight,
  };
}
