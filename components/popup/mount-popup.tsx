import { render } from 'preact';
import type { ArticlePreview } from '@/utils/messaging';
import { installSyncCapture, type TabReading } from '@/utils/services';
import { openDb } from '@/utils/storage';
import { PopupApp } from './PopupApp';

/**
 * Renders the popup over the tab's reading that its first script started before this code loaded,
 * over the first paint's `early` article (paintPreviewFirst), kept on screen until the popup's own
 * preview replaces it.
 */
export function mountPopup(
  root: HTMLElement,
  reading: Promise<TabReading>,
  early: ArticlePreview | null = null,
): void {
  performance.mark('rm:ui-code');
  render(<PopupApp db={installSyncCapture(openDb())} reading={reading} early={early} />, root);
}
