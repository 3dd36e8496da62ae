import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ArticleSummary } from '@/utils/model';
import type { SnippetPart } from '@/utils/search';
import { t } from '../shared/i18n';
import { ArticleRow, ROW_HEIGHT, type RowActions } from './ArticleRow';
import { useVisibleRange } from './use-visible-range';

interface Props {
  articles: readonly ArticleSummary[];
  selected: ReadonlySet<string>;
  activeIndex: number;
  highlightId: string | null;
  actions: RowActions;
  listRef: RefObject<HTMLUListElement | null>;
  /** The query these rows answer: tests and the benchmark wait for it. */
  query: string;
  /** Search snippets by article id, and a call asking for those of the rows in view. */
  snippets?: ReadonlyMap<string, SnippetPart[] | null>;
  wantSnippets?(ids: readonly string[]): void;
}

/**
 * The library as a virtualised list: the list is as tall as all its rows, and only the rows in
 * (or near) the window are in the DOM, plus the active row so keyboard focus is never lost.
 */
export function ArticleList({
  articles,
  selected,
  activeIndex,
  highlightId,
  actions,
  listRef,
  query,
  snippets,
  wantSnippets,
}: Props) {
  const range = useVisibleRange(listRef, articles.length, ROW_HEIGHT);
  const indices: number[] = [];
  // The range is measured after a render: clamp it when the list has just shrunk.
  for (let i = range.start; i < Math.min(range.end, articles.length); i++) indices.push(i);
  if (activeIndex >= 0 && activeIndex < articles.length && !indices.includes(activeIndex))
    indices.push(activeIndex);
  useEffect(() => {
    if (query.trim() !== '') wantSnippets?.(indices.map((i) => articles[i]!.id));
  }, [articles, query, range.start, range.end]);
  return (
    <ul
      ref={listRef}
      class="article-list"
      aria-label={t('libraryTitle')}
      data-query={query}
      data-count={articles.length}
      style={{ height: `${articles.length * ROW_HEIGHT}px` }}
    >
      {indices.map((i) => {
        const meta = articles[i]!;
        return (
          <ArticleRow
            key={meta.id}
            meta={meta}
            index={i}
            total={articles.length}
            selected={selected.has(meta.id)}
            active={i === activeIndex}
            highlighted={meta.id === highlightId}
            actions={actions}
            snippet={snippets?.get(meta.id) ?? null}
          />
        );
      })}
    </ul>
  );
}
