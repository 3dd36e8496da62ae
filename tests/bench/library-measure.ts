/** Measuring an extension page from inside it, for tests/bench/library.ts. */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/browser';
import type { Corpus } from './search-corpus';

export interface OpenFigures {
  /** ms from navigation start: first contentful paint. */
  fcp: number | null;
  /** ms from navigation start to the frame that paints the first `selector` element. */
  firstRow: number | null;
  /**
   * ms from navigation start until the search box, given a query as soon as the first row shows,
   * lists matches from the whole library: every article read (the shelf counts show), and the
   * article the query was taken from (the oldest, far from the first rows) among the rows shown.
   */
  searchUsable: number | null;
  /** ms from navigation start until the search box answers from the full-text index. */
  searchReady: number | null;
  /** JS heap used once settled, bytes. */
  heap: number;
  /** Main-thread busy ms (CDP TaskDuration) from opening until settled. */
  busy: number;
  /**
   * ms from navigation start until the library's first script (library-start.js) had read the
   * first screen and the snapshot; null where it did not run or read nothing usable.
   */
  earlyRead: number | null;
  /** ms from navigation start until that script started its read (null where it did not run). */
  earlyReadStart: number | null;
  /** ms from navigation start until the library's entry module ran (its code loaded). */
  codeLoaded: number | null;
}

interface Watched {
  __firstRow?: number;
  __searchUsable?: number;
}

/** A query typed into the library's search box, and the title of an article it must find. */
export interface SearchProbe {
  query: string;
  title: string;
}

/**
 * The bench's probe: two title words of the oldest article, whose row is far from the first rows
 * read, so answering it needs the whole library.
 */
export function searchProbe(corpus: Corpus): SearchProbe {
  const oldest = corpus.articles.reduce((a, b) => (b.meta.savedAt < a.meta.savedAt ? b : a));
  const words = oldest.meta.title.toLowerCase().split(' ');
  return {
    query: words
      .filter((w) => w.length > 3)
      .slice(0, 2)
      .join(' '),
    title: oldest.meta.title,
  };
}

/**
 * Opens an extension page, noting when `selector` first enters the DOM and the frame that paints
 * it. With `probe` (the library), types its query into the search box as soon as the first row
 * shows and notes when the answer covers the whole library (the shelf counts appear once every
 * article is read) and shows the probe's article.
 */
export async function openMeasured(
  browser: Pick<ExtensionBrowser, 'context' | 'extensionUrl'>,
  path: string,
  selector: string,
  waitForSearch: boolean,
  probe?: SearchProbe,
  /** Runs once the page exists, before it loads (the profile tool starts its CPU profile here). */
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ page: Page; figures: OpenFigures }> {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await beforeLoad?.(page);
  // tsx names arrow functions through a helper that the page lacks.
  await page.addInitScript('window.__name = (fn) => fn');
  await page.addInitScript(
    ([wanted, query, title]) => {
      const watched = window as Watched;
      const answered = () => {
        const list = document.querySelector<HTMLElement>('.article-list');
        return (
          !!document.querySelector('.shelf .count') &&
          list?.dataset.query === query &&
          [...list.querySelectorAll('.article-title')].some((row) => row.textContent === title)
        );
      };
      const typeProbe = () => {
        const input = document.querySelector<HTMLInputElement>('#library-search');
        if (!input || query === null) return;
        const usable = new MutationObserver(() => {
          if (!answered()) return;
          usable.disconnect();
          watched.__searchUsable = performance.now();
        });
        usable.observe(document.body, { attributes: true, childList: true, subtree: true });
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const seen = new MutationObserver(() => {
        if (!document.querySelector(wanted)) return;
        seen.disconnect();
        // rAF callbacks run just before the frame that paints what the DOM now holds.
        requestAnimationFrame(() => {
          watched.__firstRow = performance.now();
          typeProbe();
        });
      });
      seen.observe(document, { childList: true, subtree: true });
    },
    [selector, probe?.query ?? null, probe?.title ?? null] as const,
  );
  await page.goto(browser.extensionUrl(path));
  await page.waitForFunction(() => (window as Watched).__firstRow !== undefined, undefined, {
    timeout: 60_000,
  });
  let searchUsable: number | null = null;
  if (probe !== undefined) {
    await page.waitForFunction(() => (window as Watched).__searchUsable !== undefined, undefined, {
      timeout: 120_000,
      polling: 50,
    });
    searchUsable = await page.evaluate(() => (window as Watched).__searchUsable ?? null);
  }
  let searchReady: number | null = null;
  if (waitForSearch) {
    await page.waitForFunction(
      () => !!document.querySelector('.empty') || document.querySelector('#search-note')?.textContent === '',
      undefined,
      // Not 'raf': a page in a background tab gets no animation frames.
      { timeout: 600_000, polling: 50 },
    );
    searchReady = await page.evaluate(() => performance.now()); // within 50 ms of ready
  }
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  );
  const firstRow = await page.evaluate(() => (window as Watched).__firstRow ?? null);
  const [earlyReadStart, earlyRead, codeLoaded] = await page.evaluate(() => {
    const end = performance.getEntriesByName('rm:library-read-end')[0] as PerformanceMark | undefined;
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return [at('rm:library-read-start'), end?.detail?.snapshot ? end.startTime : null, at('rm:library-code')];
  });
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  return {
    page,
    figures: {
      fcp,
      firstRow,
      searchUsable,
      searchReady,
      heap: metric('JSHeapUsedSize'),
      busy: metric('TaskDuration') * 1000,
      earlyRead,
      earlyReadStart,
      codeLoaded,
    },
  };
}

/**
 * Types each query into the real search box (all at once, as a paste) and times it to the
 * moment the list holds its results (the list's data-query attribute changes in the same
 * commit), and to the next frame. The box is cleared between queries. Also answers the search
 * worker's time per query (from the page's marks; the empty query clearing the box asks nothing).
 */
export async function searchLatency(page: Page, queries: readonly string[]) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) *
    1000;
  const dom: number[] = [];
  const frame: number[] = [];
  const workerMarks = () =>
    page.evaluate(() =>
      performance.getEntriesByName('rm:library-search-worker').map((entry) => entry.duration),
    );
  const earlier = (await workerMarks()).length;
  const before = await busy();
  for (const query of queries) {
    const [inDom, painted] = await page.evaluate(async (q) => {
      const input = document.querySelector<HTMLInputElement>('#library-search')!;
      const setQuery = async (text: string) => {
        const start = performance.now();
        let inDom = 0;
        const done = new Promise<void>((resolve) => {
          const seen = new MutationObserver(() => {
            if (document.querySelector<HTMLElement>('.article-list')?.dataset.query !== text) return;
            inDom = performance.now() - start;
            seen.disconnect();
            resolve();
          });
          seen.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-query'] });
        });
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await done;
        await new Promise((r) => requestAnimationFrame(r));
        return [inDom, performance.now() - start];
      };
      const timing = await setQuery(q);
      // Clear, and wait out the search throttle so the next query is not held back by it.
      await setQuery('');
      await new Promise((r) => setTimeout(r, 100));
      return timing;
    }, query);
    dom.push(inDom!);
    frame.push(painted!);
  }
  const busyPerQuery = ((await busy()) - before) / queries.length / 2;
  await cdp.detach();
  // The search worker's part of each query (request to answer, as the page's client measures it).
  const worker = (await workerMarks()).slice(earlier);
  return { dom, frame, busyPerQuery, worker };
}

/**
 * Makes `page` delete the library's summary snapshot (utils/storage summary-snapshot.ts) as it
 * loads, before its own code reads it (IndexedDB runs a write transaction before the reads
 * created after it): that open reads the summaries table, as when nothing took a snapshot after
 * the library was filled. Deleted from the page itself, so that the background, which takes a
 * missing snapshot once the library is quiet, cannot take it back in between.
 */
export async function dropSummarySnapshotOnLoad(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = indexedDB.open('readmark');
    open.onsuccess = () => {
      open.result.transaction('summaries', 'readwrite').objectStore('summaries').delete(1);
      open.result.close();
    };
  });
}
