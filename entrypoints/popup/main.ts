import '@/components/shared/theme.css';
import { readTabPage } from '@/utils/services';

// The page is found and captured (started by popup-start.js, the page's first script) and
// extracted (its Worker starting now) while the UI's code (Preact, the database, the
// translations) loads: nothing here waits for the UI, nor it for this.
performance.mark('rm:popup-module');
const reading = readTabPage();
import('@/components/popup').then(({ mountPopup }) => mountPopup(document.getElementById('app')!, reading));
