import { useEffect, useRef } from 'preact/hooks';

export interface LibraryKeys {
  focusSearch(): void;
  leaveSearch(): void;
  move(delta: 1 | -1): void;
  open(): void;
  archive(): void;
  favourite(): void;
  select(range: boolean): void;
  undo(): void;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The library's single-key shortcuts: `/` search, `j`/`k` next/previous, Enter open, `e` archive,
 * `s` favourite, `x` select (Shift+x: a range), `z` undo a deletion; Escape leaves the search box
 * for the list. Keys typed into a field are the field's.
 */
export function useLibraryKeys(keys: LibraryKeys) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const k = latest.current;
      const target = event.target as HTMLElement;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (TYPING.has(target.tagName) || target.isContentEditable) {
        if (event.key === 'Escape' && target.id === 'library-search') k.leaveSearch();
        return;
      }
      const onControl = target.closest('a, button') !== null;
      const run: Record<string, () => void> = {
        '/': k.focusSearch,
        j: () => k.move(1),
        k: () => k.move(-1),
        e: k.archive,
        s: k.favourite,
        x: () => k.select(false),
        X: () => k.select(true),
        z: k.undo,
        // On a link or button Enter is theirs; elsewhere it opens the current article.
        ...(onControl ? {} : { Enter: k.open }),
      };
      const action = run[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
