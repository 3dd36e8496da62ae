import { browser } from 'wxt/browser';
import { type PageCapture, sendToOffscreen } from '@/utils/messaging';
import type { ExtractedArticle, Result } from '@/utils/model';
import { extractInWorker } from './extract-in-worker';

const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Extracts a captured page from the background. Firefox's background page has a DOM and can
 * start the Worker itself; Chrome's service worker has neither, so it asks an offscreen document.
 */
export async function extractPage(capture: PageCapture): Promise<Result<ExtractedArticle>> {
  if (typeof document !== 'undefined' && typeof Worker !== 'undefined') return extractInWorker(capture);
  await ensureOffscreenDocument();
  return sendToOffscreen('offscreenExtract', { capture });
}

let creating: Promise<void> | null = null;

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url,
      reasons: ['DOM_PARSER'],
      justification: 'Parse a saved page and extract its article away from the page and the service worker.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
