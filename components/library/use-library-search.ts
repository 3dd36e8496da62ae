import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleMeta } from '@/utils/model';
import { type LibrarySearch, quickSearch, type SnippetPart } from '@/utils/search';
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
  /** Snippets of the shown results' rows asked for so far (null: the match is not in the text). */
  snippets: ReadonlyMap<string, SnippetPart[] | null>;
  /** Asks for the snippets of these rows (the ones in view), for the applied query. */
  wantSnippets(ids: readonly string[]): void;
}

/**
 * Search over the library as the reader types. The search worker answers from the full-text
 * index (it restores, builds and keeps the index current by itself); until that index is ready,
 * quickSearch answers from the article list at once, so the box is usable as soon as the list
 * is read. A keystroke sends its query at once (throttled to SEARCH_INTERVAL_MS), and only the
 * answer to the latest query is shown.
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
  const [snippets, setSnippets] = useState<{ query: string; byId: Map<string, SnippetPart[] | null> }>({
    query: '',
    byId: new Map(),
  });
  const latest = useRef({ query, metas, ready: false });
  latest.current = { query: latest.current.query, metas, ready: index.phase === 'ready' };
  const asked = useRef({ query: '', ids: new Set<string>() });
  const lastRun = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const run = () => {
    clearTimeout(timer.current);
    lastRun.current = performance.now();
    const { query: text, metas: current, ready } = latest.current;
    if (!ready || text.trim() === '') {
      setShown({ applied: text, results: quickSearch(current ?? [], text) });
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
  const wantSnippets = (ids: readonly string[]) => {
    const text = shown.applied;
    if (!latest.current.ready || text.trim() === '') return;
    if (asked.current.query !== text) asked.current = { query: text, ids: new Set() };
    const missing = ids.filter((id) => !asked.current.ids.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asked.current.ids.add(id);
    void client.snippets(text, missing).then((found) => {
      if (latest.current.query !== text) return;
      setSnippets((before) => {
        const byId = new Map(before.query === text ? before.byId : []);
        for (const [id, parts] of Object.entries(found)) byId.set(id, parts);
        return { query: text, byId };
      });
    });
  };
  // Search again when the index becomes ready, and when the library changes under the results
  // (and ask again for the snippets, which may have changed with it).
  useEffect(() => {
    asked.current = { query: '', ids: new Set() };
    if (latest.current.query.trim() !== '') run();
  }, [index.phase, metas]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const current = snippets.query === shown.applied ? snippets.byId : NO_SNIPPETS;
  return { index, query, setQuery, ...shown, snippets: current, wantSnippets };
}

const NO_SNIPPETS: ReadonlyMap<string, SnippetPart[] | null> = new Map();
