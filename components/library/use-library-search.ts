import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleSummary } from '@/utils/model';
import { type LibrarySearch, quickSearch, quickSnippet, type SnippetPart } from '@/utils/search';
import { type IndexState, type SearchClient, startSearchWorker } from '@/utils/services';
import { afterPaint } from './after-paint';

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
 * quickSearch answers from the article summaries at once (titles, sites, tags and the head of
 * each text, with snippets from the head), so the box is usable as soon as the list is read.
 * The worker starts only once the whole list is read (`complete`) and painted: restoring tens of
 * MB of index while the page reads its list would hold both back. A keystroke sends its query at once
 * (throttled to SEARCH_INTERVAL_MS), and only the answer to the latest query is shown.
 */
export function useLibrarySearch(
  metas: readonly ArticleSummary[] | null,
  complete: boolean,
): LibrarySearchState {
  const [index, setIndex] = useState<IndexState>({ phase: 'loading' });
  const client = useRef<SearchClient | null>(null);
  useEffect(() => {
    if (!complete) return;
    let started: SearchClient | null = null;
    let stopped = false;
    // Started once the whole list (and the quick answer to what was typed) is painted: on two
    // cores, its start-up (tens of MB of saved index) competes with them for the CPU.
    void afterPaint().then(() => {
      if (stopped) return;
      started = startSearchWorker(setIndex);
      client.current = started;
    });
    return () => {
      stopped = true;
      started?.dispose();
    };
  }, [complete]);

  const [query, setTyped] = useState('');
  const [shown, setShown] = useState<{ applied: string; results: LibrarySearch | null }>({
    applied: '',
    results: null,
  });
  const [snippets, setSnippets] = useState<{ query: string; byId: Map<string, SnippetPart[] | null> }>({
    query: '',
    byId: new Map(),
  });
  const byId = useMemo(() => new Map((metas ?? []).map((m) => [m.id, m])), [metas]);
  const latest = useRef({ query, metas, ready: false });
  latest.current = { query: latest.current.query, metas, ready: index.phase === 'ready' };
  const asked = useRef({ query: '', ids: new Set<string>() });
  const lastRun = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const run = () => {
    clearTimeout(timer.current);
    lastRun.current = performance.now();
    const { query: text, metas: current, ready } = latest.current;
    if (!ready || !client.current || text.trim() === '') {
      setShown({ applied: text, results: quickSearch(current ?? [], text) });
      return;
    }
    void client.current.search(text).then((results) => {
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
  const addSnippets = (text: string, found: Record<string, SnippetPart[] | null>) =>
    setSnippets((before) => {
      const next = new Map(before.query === text ? before.byId : []);
      for (const [id, parts] of Object.entries(found)) next.set(id, parts);
      return { query: text, byId: next };
    });
  const wantSnippets = (ids: readonly string[]) => {
    const text = shown.applied;
    if (text.trim() === '') return;
    const ready = latest.current.ready && client.current !== null;
    // Quick results get theirs from the summaries' heads, here and now; the index's later.
    const key = `${ready ? 'index' : 'quick'}:${text}`;
    if (asked.current.query !== key) asked.current = { query: key, ids: new Set() };
    const missing = ids.filter((id) => !asked.current.ids.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asked.current.ids.add(id);
    if (!ready) {
      const found: Record<string, SnippetPart[] | null> = {};
      for (const id of missing) found[id] = quickSnippet(byId.get(id)?.head ?? '', text);
      return addSnippets(text, found);
    }
    void client.current!.snippets(text, missing).then((found) => {
      if (latest.current.query === text) addSnippets(text, found);
    });
  };
  // Search again when the index becomes ready or has caught up with a change (each "ready" is a
  // new state object from the worker; a build's progress counts by phase, not per chunk), and when
  // the library changes under the results (and ask again for the snippets, which may have changed).
  const indexChange = index.phase === 'ready' ? index : index.phase;
  useEffect(() => {
    asked.current = { query: '', ids: new Set() };
    if (latest.current.query.trim() !== '') run();
  }, [indexChange, metas]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const current = snippets.query === shown.applied ? snippets.byId : NO_SNIPPETS;
  return { index, query, setQuery, ...shown, snippets: current, wantSnippets };
}

const NO_SNIPPETS: ReadonlyMap<string, SnippetPart[] | null> = new Map();
