import { useLayoutEffect, useState } from 'preact/hooks';
import { type ArticleSummary, errorFromThrown } from '@/utils/model';
import {
  applySummaryChanges,
  type LibraryStart,
  listFirstRows,
  listSummaries,
  observe,
  parseSnapshot,
  type ReadmarkDb,
  readSummaryChanges,
  readSummarySnapshot,
} from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { afterPaint } from './after-paint';

export interface LibraryArticles {
  /** Null until the first rows are read. */
  metas: ArticleSummary[] | null;
  /** True once `metas` is the whole library (before that, only the newest unarchived articles). */
  complete: boolean;
  error: string | null;
}

/**
 * The library's article summaries (one small record per article, see ArticleSummary), kept
 * current as articles change in any tab. The whole list comes from the summary snapshot (one
 * record, patched with what changed since it was taken) when there is one, and is then kept
 * current from the change log. The first rows come first, from one small record (the stored
 * first screen, see listFirstRows), and show while the whole list is read; without a snapshot
 * the table is read and watched. Both records come from `takeStart` (the read the page's first
 * script started while the modules loaded) when it found the database; else through Dexie. A
 * function, called once: the read's promise then lives only until it is used, not with the
 * page's props (it holds the snapshot's megabytes of JSON).
 */
export function useLibraryArticles(
  db: ReadmarkDb,
  takeStart?: () => Promise<LibraryStart | null> | null,
): LibraryArticles {
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
    const watchTable = () => {
      if (stopped) return;
      stops.push(
        observe(
          () => listSummaries(db),
          (metas) => setState((s) => ({ ...s, metas, complete: true, error: null })),
          fail,
        ),
      );
    };
    /** Keeps a list read at log sequence `seq` current from the change log. */
    const watchLog = (seq: number) => {
      if (stopped) return;
      let at = seq;
      const stop = observe(
        () => readSummaryChanges(db, at),
        (changes) => {
          if (changes === null) {
            // The log was reset (a range delete, thousands of changes): read the table.
            stop();
            return watchTable();
          }
          if (changes.seq === at) return;
          at = changes.seq;
          setState((s) => ({ ...s, metas: applySummaryChanges(s.metas ?? [], changes), error: null }));
        },
        fail,
      );
      stops.push(stop);
    };
    let firstRowsDone = false;
    let snapshotDone = false;
    // Without a snapshot, the table is read once the first rows are in: both at once, the big
    // read's decoding on the main thread would hold back the small one.
    const fallBack = () => {
      if (firstRowsDone && snapshotDone && !stopped) setTimeout(watchTable, 0);
    };
    const early = (takeStart?.() ?? Promise.resolve(null)).catch(() => null);
    const firstRows = early
      .then(async (read) => (await read?.firstScreen)?.rows ?? listFirstRows(db))
      .then((metas) => setState((s) => (s.complete ? s : { ...s, metas })))
      .catch(fail)
      .finally(() => {
        firstRowsDone = true;
        fallBack();
      });
    // The snapshot is read meanwhile but parsed and applied once the first rows are painted:
    // parsing, sorting and counting 10,000 summaries would hold them back.
    const parseAfter = firstRows.then(afterPaint);
    early
      .then(async (read) => {
        // The early read found the database: its answer stands, snapshot or none.
        const snapshot = read ? await read.snapshot.catch(() => undefined) : undefined;
        if (snapshot === undefined) return readSummarySnapshot(db, parseAfter);
        if (snapshot === null) return null;
        await parseAfter;
        return parseSnapshot(snapshot);
      })
      .catch(() => null)
      .then((snapshot) => {
        if (stopped) return;
        if (!snapshot) {
          snapshotDone = true;
          return fallBack();
        }
        setState((s) => ({ ...s, metas: snapshot.summaries, complete: true, error: null }));
        watchLog(snapshot.seq);
      });
    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  }, [db, takeStart]);
  return state;
}
