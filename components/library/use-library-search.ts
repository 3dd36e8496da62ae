import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleMeta } from '@/utils/model';
import type { LibrarySearch } from '@/utils/search';
import { startSearchWorker } from './search-client';
import type { IndexState } from './search-index-sync';

/** Results follow the typing at most this often: the first key searches at once, the last one always. */
const SEARCH_INTERVAL_MS = 60;

export interface LibrarySearchState {
  index: IndexState;
  /** What the reader typed. */
  query: string;
  setQuery(query: string): void;
  /** The query the shown results answer. */
  applied: string;
  results: LibrarySearch | null;
}

/** Until the index is ready, a plain match on titles and sites keeps the search box useful. */
function titleSearch(metas: readonly ArticleMeta[], query: string): LibrarySearch | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const scores = new Map<string, number>();
  for (const meta of metas) {
    const haystack = `${meta.title} ${meta.siteName ?? ''}`.toLowerCase();
    if (words.every((word) => haystack.includes(word))) scores.set(meta.id, 1);
  }
  return { mode: 'all-terms', scores };
}

/**
 * Full-text search over the library as the reader types, answered by the search worker (which
 * restores, builds and keeps the index current by itself). A keystroke sends its query at once
 * (throttled to SEARCH_INTERVAL_MS), and only the answer to the latest query is shown.
 */
export function useLibrarySearch(metas: readonly ArticleMeta[] | null): LibrarySearchState {
  const [index, setIndex] = useState<IndexState>({ phase: 'loading' });
  const client = useMemo(() => startSearchWorker(setIndex), []);
  useEffect(() => () => client.dispose(), [client]);

  const [query, setTyped] = useState('');
  const [shown, setShown] = useState<{ applied: string; results: LibrarySearch | null }>({
    applied: '',
    results: null,
  });
  const latest = useRef({ query, metas, ready: false });
  latest.current = { query: latest.current.query, metas, ready: index.phase === 'ready' };
  const lastRun = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const run = () => {
    clearTimeout(timer.current);
    lastRun.current = performance.now();
    const { query: text, metas: current, ready } = latest.current;
    if (!ready || text.trim() === '') {
      setShown({ applied: text, results: titleSearch(current ?? [], text) });
      return;
    }
    void client.search(text).then((results) => {
      if (latest.current.query === text) setShown({ applied: text, results });
    });
  };
  const setQuery = (text: string) => {
    setTyped(text);
    latest.current = { ...latest.current, query: text };
    const wait = lastRun.current + SEARCH_INTERVAL_MS - performance.now();
    clearTimeout(timer.current);
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
  };
  // Search again when the index becomes ready, and when the library changes under the results.
  useEffect(() => {
    if (latest.current.query.trim() !== '') run();
  }, [index.phase, metas]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return { index, query, setQuery, ...shown };
}
