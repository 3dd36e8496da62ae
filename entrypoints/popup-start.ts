import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startTabReading } from '@/utils/services';

// The popup's first script: a classic script in popup.html's <head>, run as soon as it is parsed,
// before the popup's modules (the entry, its chunks, the stylesheet) have loaded. It only starts
// the browser calls the preview waits for (the tab, the capture script's injection, whether the
// offscreen document is open); the popup's entry module takes them over (readTabPage).
export default defineUnlistedScript(() => {
  startTabReading();
});
