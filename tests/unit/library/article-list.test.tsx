// @vitest-environment jsdom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test, vi } from 'vitest';
import { ArticleList } from '@/components/library/ArticleList';
import type { RowActions } from '@/components/library/ArticleRow';
import { summarise } from '@/utils/model';
import { useRenderRoot } from '../../support/render-root';
import { makeMeta } from '../search/make-article';

// Each row formats its saved date once per render: counting the calls counts row renders.
const rendered = vi.hoisted(() => ({ rows: 0 }));
vi.mock('@/components/shared/format', async (original) => {
  const actual = await original<typeof import('@/components/shared/format')>();
  return {
    ...actual,
    formatDate: (value: number) => {
      rendered.rows++;
      return actual.formatDate(value);
    },
  };
});

const actions: RowActions = {
  select: vi.fn(),
  favourite: vi.fn(),
  archive: vi.fn(),
  remove: vi.fn(),
  removeTag: vi.fn(),
  activate: vi.fn(),
};
const articles = Array.from({ length: 10_000 }, (_, i) =>
  summarise(makeMeta(`a${i}`, { savedAt: 1e12 - i })),
);
const listRef = createRef<HTMLUListElement>();

const root = useRenderRoot();

function show(props: { query?: string; selected?: ReadonlySet<string>; list?: typeof articles }) {
  act(() =>
    render(
      <ArticleList
        articles={props.list ?? articles}
        selected={props.selected ?? new Set()}
        activeIndex={-1}
        highlightId={null}
        actions={actions}
        listRef={listRef}
        query={props.query ?? ''}
      />,
      root(),
    ),
  );
}

describe('ArticleList at 10,000 articles', () => {
  test('renders only the rows in the window', () => {
    rendered.rows = 0;
    show({});
    const rows = root().querySelectorAll('.article').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(60);
    // The first render draws a first guess of the window; the measured window replaces it.
    expect(rendered.rows).toBeLessThan(60);
  });

  test('a render that changes nothing a row shows re-renders no row', () => {
    show({});
    rendered.rows = 0;
    show({ query: 'a' });
    expect(rendered.rows).toBe(0);
    expect(root().querySelector<HTMLElement>('.article-list')?.dataset.query).toBe('a');
  });

  test('selecting one row re-renders that row only', () => {
    show({});
    rendered.rows = 0;
    show({ selected: new Set(['a3']) });
    expect(rendered.rows).toBe(1);
    expect(root().querySelector('#article-a3')?.closest('li')?.classList.contains('selected')).toBe(true);
  });

  test('new results render their rows', () => {
    show({});
    rendered.rows = 0;
    const results = articles.slice(5000, 5010);
    show({ list: results, query: 'x' });
    expect(root().querySelectorAll('.article').length).toBe(10);
    expect(rendered.rows).toBe(10);
  });
});
