import { render } from 'preact';
import type { ArticlePreview } from '@/utils/messaging';
import type { TabReading } from '@/utils/services';
import { EarlyPopup } from './PreviewArticle';

/**
 * The popup's first paints, from a small chunk (Preact and the preview): "Reading…", then the
 * article as soon as the tab's reading has it. The rest of the popup (the database and the saved?
 * look-up, Save, Listen, the removed blocks, the page's highlights) is loaded after that paint
 * and renders over it (mountPopup, given the article, shows it meanwhile): loaded beside the
 * capture and the extraction, its 157 kB held the preview back on 2 shared cores (README,
 * preview speed, eighth round). Answers the article painted, or null (nothing to preview: the
 * rest of the popup says why).
 */
export async function paintPreviewFirst(
  root: HTMLElement,
  reading: Promise<TabReading>,
): Promise<ArticlePreview | null> {
  render(<EarlyPopup article={null} />, root);
  const read = await reading;
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
