import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Whether the margin beside the column that holds `child` (on the side where lines start: left,
 * or right in RTL) is at least `minWidthRem` wide. The column's width depends on the reader's font,
 * size and line length, so no media query can tell; this watches the page and the column instead.
 */
export function useFitsBeside(child: RefObject<HTMLElement | null>, minWidthRem: number): boolean {
  const [fits, setFits] = useState(false);
  useLayoutEffect(() => {
    const element = child.current?.parentElement;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      const rtl = getComputedStyle(element).direction === 'rtl';
      const margin = rtl ? document.documentElement.clientWidth - rect.right : rect.left;
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
      setFits(margin >= minWidthRem * rem);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(document.documentElement);
    if (element.parentElement) observer.observe(element.parentElement);
    return () => observer.disconnect();
  }, [child, minWidthRem]);
  return fits;
}
