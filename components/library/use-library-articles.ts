import { useLayoutEffect, useState } from 'preact/hooks';
import { type ArticleSummary, errorFromThrown } from '@/utils/model';
import { listNewestSummaries, listSummaries, observe, type ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';

/** Rows that fill a tall window: shown while the whole library is still being read. */
const FIRST_ROWS = 40;

export interface LibraryArticles {
  /** Null until the first rows are read. */
  metas: ArticleSummary[] | null;
  /** True once `metas` is the whole library (before that, only the newest unarchived articles). */
  complete: boolean;
  error: string | null;
}

/**
 * The library's article summaries (one small record per article, see ArticleSummary), kept
 * current as articles change in any tab. Reading 10,000 takes a moment, so the newest few are
 * read first and shown at once.
 */
export function useLibraryArticles(db: ReadmarkDb): LibraryArticles {
  const [state, setState] = useState<LibraryArticles>({
    metas: null,
    complete: false,
    error: null,
  });
  // A layout effect starts reading with the first render, not after the first frame.
  useLayoutEffect(() => {
    const stops: (() => void)[] = [];
    let stopped = false;
    const fail = (error: unknown) =>
      setState((s) => ({ ...s, error: errorMessage(errorFromThrown(error, 'library-unreadable')) }));
    const watchAll = () => {
      if (stopped) return;
      stops.push(
        observe(
          () => listSummaries(db),
          (metas) => setState((s) => ({ ...s, metas, complete: true, error: null })),
          fail,
        ),
      );
    };
    // The whole list is read only after the first rows are in: both at once, the big read's
    // decoding on the main thread would hold back the small one.
    listNewestSummaries(db, FIRST_ROWS)
      .then((metas) => setState((s) => (s.complete ? s : { ...s, metas })))
      .catch(fail)
      .finally(() => setTimeout(watchAll, 0));
    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  }, [db]);
  return state;
}
