import { render } from 'preact';
import type { ArticlePreview } from '@/utils/messaging';
import { type OwnExtraction, readTabFirst, type TabReading } from '@/utils/services';
import { type FirstPaint, leaveFirstPaint } from './first-paint-handoff';
import { EarlyPopup } from './PreviewArticle';

/**
 * The popup's first script (entrypoints/popup-start.ts): reads the tab and paints its preview from
 * that one file, then loads the popup's modules (`loadModules`: its components, the database,
 * Save…), which take over from what it leaves (takeFirstPaint). Before the preview the popup so
 * loads two files, not sixteen: each file cost the two shared cores, beside the capture and the
 * extraction (README, preview speed, twelfth round). Where the offscreen document cannot extract
 * (Firefox, or no document yet) the modules are loaded at once: they hold the popup's own Worker.
 * Run from popup.html's <head>: the reading starts at once, the painting once the page is parsed.
 */
export function startFirstPaint(loadModules: () => void): FirstPaint {
  let provide!: (own: () => Promise<OwnExtraction>) => void;
  const fromModules = new Promise<() => Promise<OwnExtraction>>((resolve) => {
    provide = resolve;
  });
  const reading = readTabFirst(() => {
    loadModules();
    return fromModules.then((own) => own());
  });
  let root: HTMLElement | null = null;
  // Whatever the first paint met, the popup itself comes and says it (a failed reading included).
  const painted = pageParsed()
    .then(() => {
      root = document.getElementById('app')!;
      return paintPreviewFirst(root, reading);
    })
    .catch(() => null);
  void painted.then(loadModules);
  const first: FirstPaint = {
    reading,
    painted,
    clear: () => {
      if (root) render(null, root);
    },
    provideOwnExtraction: provide,
  };
  leaveFirstPaint(first);
  return first;
}

function pageParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

/**
 * How long the popup stays blank before it says "Reading…": about what a usual page takes to its
 * preview, so a usual page goes straight to its article instead of flashing the notice, and the
 * notice's paint does not take the cores from the capture and the extraction.
 */
const READING_NOTICE_MS = 100;

/**
 * The popup's first paints: the article as soon as the tab's reading has it, and "Reading…" if
 * that takes longer than READING_NOTICE_MS. Answers the article painted, or null (nothing to
 * preview: the rest of the popup says why).
 */
export async function paintPreviewFirst(
  root: HTMLElement,
  reading: Promise<TabReading>,
): Promise<ArticlePreview | null> {
  const notice = setTimeout(() => render(<EarlyPopup article={null} />, root), READING_NOTICE_MS);
  const read = await reading.finally(() => clearTimeout(notice));
  if (read.kind !== 'read') return null;
  render(<EarlyPopup article={read.article} />, root);
  await nextFrame();
  // For `npm run bench:preview`: the frame after the commit is the one that paints it.
  performance.mark('rm:preview-painted');
  return read.article;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
