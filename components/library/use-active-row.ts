import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ArticleSummary } from '@/utils/model';
import { ROW_HEIGHT } from './ArticleRow';
import { scrollRowIntoView } from './use-visible-range';

/**
 * The row the keyboard works on (j/k, e, s, x, Enter), and keyboard focus that follows it:
 * `activate` moves to a row, scrolls it into view below the sticky header and focuses its title.
 * The row stays in range when rows go away, and when the focused row goes away (archived,
 * deleted) focus moves to the row that takes its place instead of falling to the page.
 */
export function useActiveRow(
  shown: readonly ArticleSummary[],
  list: RefObject<HTMLElement | null>,
  header: RefObject<HTMLElement | null>,
) {
  const [activeRow, setActive] = useState(-1);
  // Bumped on each activate, so focus moves even when the active row stays the same.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusedRequest = useRef(0);
  const active = Math.min(activeRow, shown.length - 1);
  const current: ArticleSummary | undefined = shown[active];

  useLayoutEffect(() => {
    if (focusedRequest.current === focusRequest || !current || !list.current) return;
    focusedRequest.current = focusRequest;
    scrollRowIntoView(list.current, active, ROW_HEIGHT, header.current?.offsetHeight ?? 0);
    document.getElementById(`article-${current.id}`)?.focus({ preventScroll: true });
  }, [focusRequest, current]);
  const activate = (index: number) => {
    setActive(Math.max(0, Math.min(shown.length - 1, index)));
    setFocusRequest((n) => n + 1);
  };

  const listHadFocus = useRef(false);
  useEffect(() => {
    const track = (event: FocusEvent) => {
      listHadFocus.current = !!list.current?.contains(event.target as Node);
    };
    document.addEventListener('focusin', track);
    return () => document.removeEventListener('focusin', track);
  }, []);
  useLayoutEffect(() => {
    if (listHadFocus.current && document.activeElement === document.body && shown.length > 0)
      activate(active);
  }, [shown]);

  return { active, current, setActive, activate };
}
