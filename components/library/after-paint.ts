/**
 * Resolves after the next frame is painted (or after 50 ms, as a hidden page paints none): work
 * started then (parsing the whole list, measuring the page) does not hold back the first rows.
 */
export const afterPaint = () =>
  new Promise<void>((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
