import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { capturePageWithSelection, pageScriptMarked } from '@/components/toolbar';

// The popup's capture, injected into the tab (activeTab + scripting) when the reader opens
// Readmark: only the page's serialisation, a few kB, where the full content script (the in-page
// UI, tens of kB) would cost the first preview its loading. The popup gets the capture as this
// script's result (executeScript waits for the promise); no message listener is left behind.
// Only serialise here, in slices: parsing and Readability run in an extension Worker. The answer
// also says whether the in-page UI's script already runs here (page-script-mark.ts), and when
// (ms since the epoch) it ran and was done, which npm run bench:preview reads.
export default defineUnlistedScript(async () => {
  const now = () => performance.timeOrigin + performance.now();
  const ran = now();
  const page = await capturePageWithSelection(document);
  return { ...page, pageScript: pageScriptMarked(), timing: { ran, serialised: now() } };
});
