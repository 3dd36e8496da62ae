import { lazy, Suspense } from 'preact/compat';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countShelves, countTags, sortArticles, tagKey } from '@/utils/search';
import type { LibraryStart, ReadmarkDb } from '@/utils/storage';
import { t, tn } from '../shared/i18n';
import { ReviewLink } from '../shared/ReviewLink';
import { SettingsLink } from '../shared/SettingsLink';
import { SyncStatus } from '../shared/SyncStatus';
import { ArticleList } from './ArticleList';
import { type RowActions, readerUrl, warmRowText } from './ArticleRow';
import { BulkBar } from './BulkBar';
import { DownloadBanner } from './DownloadBanner';
import { EmptyLibrary } from './EmptyLibrary';
import { LibraryToolbar } from './LibraryToolbar';
import { toggleSelection } from './library-selection';
import {
  countSites,
  DEFAULT_FILTERS,
  fieldSort,
  filterLibrary,
  isFiltered,
  positionsOf,
  STATUSES,
  searchResults,
  siteCollator,
} from './library-view';
import { ShortcutsHelp } from './ShortcutsHelp';
import { TagManager } from './TagManager';
import { UndoToast } from './UndoToast';
import { useActiveRow } from './use-active-row';
import { useLibraryActions } from './use-library-actions';
import { useLibraryArticles } from './use-library-articles';
import { useLibraryKeys } from './use-library-keys';
import { useLibrarySearch } from './use-library-search';

/**
 * The export panel and what it pulls in (Markdown and HTML writers, the sanitiser, zip) are a
 * third of the page's code and no part of its first screen: loaded when the reader exports.
 */
const ExportPanel = lazy(() => import('./ExportPanel').then((module) => ({ default: module.ExportPanel })));

interface Props {
  db: ReadmarkDb;
  /** Takes the read of the first rows and the snapshot the page's first script started, if it did. */
  takeStart?: () => Promise<LibraryStart | null> | null;
  /** An article to bring into view (the popup's "Open in library"). */
  focusId: string | null;
}

export function LibraryApp({ db, takeStart, focusId }: Props) {
  /** The articles being exported (the export panel is open), or null. */
  const [exporting, setExporting] = useState<string[] | null>(null);
  const library = useLibraryArticles(db, takeStart);
  const metas = library.metas;
  // Once the first rows are being read (the browser's storage works in another process), build
  // what rendering them needs for the first time.
  useLayoutEffect(() => {
    const timer = setTimeout(() => {
      warmRowText();
      siteCollator();
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  const [filters, setFilters] = useState(DEFAULT_FILTERS);
  const search = useLibrarySearch(metas, library.complete);
  const query = search.query;
  const actions = useLibraryActions(db);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const headerRef = useRef<HTMLElement>(null);

  const sortKey = filters.sort;
  const sorted = useMemo(() => (metas ? sortArticles(metas, fieldSort(sortKey)) : []), [metas, sortKey]);
  // Filtered once per order and filter; a keystroke then only places its matches.
  const unsearched = useMemo(
    () => filterLibrary(sorted, filters),
    [sorted, filters.status, filters.site, filters.tag],
  );
  const positions = useMemo(() => positionsOf(unsearched), [unsearched]);
  const shown = useMemo(
    () => searchResults(unsearched, positions, search.results, filters.sort === 'relevance'),
    [unsearched, positions, search.results, filters.sort],
  );
  const tags = useMemo(() => countTags(metas ?? []), [metas]);
  const sites = useMemo(() => countSites(metas ?? []), [metas]);
  const shelfCounts = useMemo(() => {
    if (!library.complete || !metas) return null;
    return countShelves(metas, STATUSES);
  }, [metas, library.complete]);

  const { active, current, setActive, activate } = useActiveRow(shown, listRef, headerRef);
  const targets = () => (selected.size > 0 ? [...selected] : current ? [current.id] : []);

  // The popup's "Open in library" brings its article into view once the whole list is known.
  const focusDone = useRef(false);
  useEffect(() => {
    if (focusDone.current || !focusId || !library.complete) return;
    focusDone.current = true;
    const index = shown.findIndex((m) => m.id === focusId);
    if (index >= 0) activate(index);
  }, [library.complete, focusId, shown]);

  const removeRows = async (ids: string[]) => {
    if ((await actions.remove(ids)) && selected.size > 0) setSelected(new Set());
  };
  const latestRowActions: RowActions = {
    select: (id, index, range) => {
      setSelected(toggleSelection(selected, shown, id, index, anchor, range));
      setAnchor(index);
      setActive(index);
    },
    favourite: (meta) => actions.setFavourite([meta.id], meta.favourite === 0),
    archive: (meta) => actions.setArchived([meta.id], meta.archived === 0),
    remove: removeRows,
    removeTag: (id, tag) => actions.removeTag([id], tag),
    activate: (index) => setActive(index),
  };
  // The rows get one object for the page's life, calling this render's actions: a new object
  // each render would re-render every row (they are memoised) on every keystroke.
  const rowActionsNow = useRef(latestRowActions);
  rowActionsNow.current = latestRowActions;
  const rowActions = useMemo<RowActions>(
    () => ({
      select: (id, index, range) => rowActionsNow.current.select(id, index, range),
      favourite: (meta) => rowActionsNow.current.favourite(meta),
      archive: (meta) => rowActionsNow.current.archive(meta),
      remove: (ids) => rowActionsNow.current.remove(ids),
      removeTag: (id, tag) => rowActionsNow.current.removeTag(id, tag),
      activate: (index) => rowActionsNow.current.activate(index),
    }),
    [],
  );

  useLibraryKeys({
    focusSearch: () => {
      window.scrollTo({ top: 0, behavior: 'instant' });
      searchRef.current?.focus();
    },
    leaveSearch: () => activate(Math.max(active, 0)),
    move: (delta) => activate(active < 0 ? 0 : active + delta),
    open: () => current && location.assign(readerUrl(current.id)),
    archive: () => current && rowActions.archive(current),
    favourite: () => current && rowActions.favourite(current),
    select: (range) => current && rowActions.select(current.id, active, range),
    undo: () => void actions.restore(),
  });

  // The tag manager lists every tag: rebuilt when the tags change, not on every keystroke.
  const tagActions = useRef({ actions, metas });
  tagActions.current = { actions, metas };
  const tagManager = useMemo(
    () => (
      <TagManager
        tags={tags}
        rename={(from, to) => tagActions.current.actions.renameTag(from, to)}
        remove={(tag) =>
          tagActions.current.actions.removeTag(
            (tagActions.current.metas ?? [])
              .filter((m) => m.tags.some((x) => tagKey(x) === tagKey(tag)))
              .map((m) => m.id),
            tag,
          )
        }
      />
    ),
    [tags],
  );

  // Formatted only when it changes (tn asks the browser for the UI language each time).
  const filtered = isFiltered(filters, query);
  const resultCount = useMemo(
    () => (filtered ? tn('resultCount', shown.length) : ''),
    [filtered, shown.length],
  );

  const empty = library.complete && metas?.length === 0;
  return (
    <main class="library">
      <header class="library-header" ref={headerRef}>
        <div class="library-heading">
          <h1>{t('libraryTitle')}</h1>
          <ShortcutsHelp />
          <ReviewLink />
          <SettingsLink />
        </div>
        <SyncStatus db={db} />
        {!empty && (
          <LibraryToolbar
            query={query}
            onQuery={search.setQuery}
            searchRef={searchRef}
            index={search.index}
            filters={filters}
            onFilters={(next) => {
              setFilters(next);
              setActive(-1);
            }}
            shelfCounts={shelfCounts}
            sites={sites}
            tags={tags}
          />
        )}
      </header>
      {library.complete && metas && <DownloadBanner metas={metas} />}
      {library.error && (
        <p role="alert" class="notice">
          {t('errorLibrary', library.error)}
        </p>
      )}
      {actions.error && (
        <p role="alert" class="notice">
          {actions.error}{' '}
          <button type="button" onClick={actions.dismissError}>
            {t('dismiss')}
          </button>
        </p>
      )}
      {metas === null && !library.error && <p role="status">{t('loading')}</p>}
      {empty && <EmptyLibrary />}
      {metas && !empty && (
        <>
          <p class="result-count meta" role="status">
            {resultCount}
            {search.results?.mode === 'any-term' ? ` ${t('anyTermNote')}` : ''} {actions.notice}
          </p>
          {shown.length === 0 && library.complete && <p class="no-results">{t('noResults')}</p>}
          <ArticleList
            articles={shown}
            selected={selected}
            activeIndex={active}
            highlightId={focusId}
            actions={rowActions}
            listRef={listRef}
            query={search.applied}
            snippets={search.snippets}
            wantSnippets={search.wantSnippets}
          />
          {tagManager}
        </>
      )}
      <div class="library-footer">
        {selected.size > 0 && (
          <BulkBar
            count={selected.size}
            total={shown.length}
            onExport={() => setExporting(targets())}
            actions={{
              addTag: (tag) => actions.addTag(targets(), tag),
              archive: (on) => actions.setArchived(targets(), on),
              favourite: (on) => actions.setFavourite(targets(), on),
              markRead: (read) => actions.setRead(targets(), read),
              remove: () => removeRows(targets()),
              selectAll: () => setSelected(new Set(shown.map((m) => m.id))),
              clear: () => setSelected(new Set()),
            }}
          />
        )}
        {actions.undo && (
          <UndoToast
            key={actions.undo.key}
            count={actions.undo.deleted.articles.length}
            undo={() => void actions.restore()}
            dismiss={actions.dismissUndo}
          />
        )}
      </div>
      {exporting && (
        <Suspense fallback={null}>
          <ExportPanel db={db} ids={exporting} onClose={() => setExporting(null)} />
        </Suspense>
      )}
    </main>
  );
}
