import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { popupModuleLoader } from '@/components/popup/load-popup-modules';
import { startFirstPaint } from '@/components/popup/paint-preview-first';

// The popup's first script: a classic script in popup.html's <head>, the only script the page
// loads before its preview. It reads the tab and paints the preview, then loads the popup's
// modules (listed on its own tag), which take over (entrypoints/popup/main.ts).
export default defineUnlistedScript(() => {
  startFirstPaint(popupModuleLoader(document.currentScript));
});
