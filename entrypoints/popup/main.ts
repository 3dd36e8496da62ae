import '@/components/shared/theme.css';
import { readTabPage } from '@/utils/services';

// The page is found and captured (started by popup-start.js, the page's first script) and
// extracted (in a Worker, the offscreen document's when it is open) while the first paint's
// small chunk loads; it paints "Reading…", then the preview. Only then does the rest of the
// popup's code (its components, the database, Save…) load: loaded beside the capture and the
// extraction, it held the preview back (README, preview speed, eighth round).
performance.mark('rm:popup-module');
const reading = readTabPage();
const root = document.getElementById('app')!;
import('@/components/popup/paint-preview-first')
  .then(({ paintPreviewFirst }) => paintPreviewFirst(root, reading))
  // Whatever the first paint met, the popup itself comes and says it (a failed reading included).
  .catch(() => null)
  .then((early) => import('@/components/popup').then(({ mountPopup }) => mountPopup(root, reading, early)));
