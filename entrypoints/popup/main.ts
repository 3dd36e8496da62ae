import '@/components/shared/theme.css';
import { readTabPage } from '@/utils/services';

// The page is found and captured (started by popup-start.js, the page's first script) and
// extracted (in the offscreen document's Worker) while the first paint's small chunk loads; it
// paints "Reading…", then the preview. Only then does the rest of the popup's code (Preact's
// components, the database, Save…) load: beside the capture and the extraction it held the
// preview back (README, preview speed, eighth round).
performance.mark('rm:popup-module');
const reading = readTabPage();
const root = document.getElementById('app')!;
import('@/components/popup/paint-preview-first')
  .then(({ paintPreviewFirst }) => paintPreviewFirst(root, reading))
  // Whatever the first paint met, the popup itself comes and says it (a failed reading included).
  .catch(() => null)
  .then((early) => import('@/components/popup').then(({ mountPopup }) => mountPopup(root, reading, early)));
