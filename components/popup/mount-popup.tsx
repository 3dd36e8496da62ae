import { render } from 'preact';
import { installSyncCapture, type TabReading } from '@/utils/services';
import { openDb } from '@/utils/storage';
import { PopupApp } from './PopupApp';

/** Renders the popup over the tab's reading that its entry started before this code loaded. */
export function mountPopup(root: HTMLElement, reading: Promise<TabReading>): void {
  performance.mark('rm:ui-code');
  render(<PopupApp db={installSyncCapture(openDb())} reading={reading} />, root);
}
