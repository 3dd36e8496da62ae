import { useEffect, useState } from 'preact/hooks';
import { onWindowMove } from '../shared/on-window-move';

/** A heading counts as the current section once its top is this close to the top of the window (below the tool bar). */
const READING_LINE_PX = 120;

/**
 * The id of the section being read: the last of `ids` whose heading has reached the reading line,
 * or null above the first one. Recomputed at most once per frame while scrolling.
 */
export function useCurrentHeading(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  // `key` stands for `ids` (a new array each render): the effect reruns when the headings change.
  useEffect(
    () =>
      onWindowMove(() => {
        let found: string | null = null;
        for (const id of ids) {
          const heading = document.getElementById(id);
          if (!heading || heading.getBoundingClientRect().top > READING_LINE_PX) break;
          found = id;
        }
        setCurrent(found);
      }),
    [key],
  );
  return current;
}
