import '@/components/shared/theme.css';
import { readTabPage } from '@/utils/services';

// The page is found, captured and extracted (its Worker starting now) while the UI's code
// (Preact, the database, the translations) loads: nothing here waits for the UI, nor it for this.
// Marks read by `npm run bench:preview` (performance marks cost nothing measurable).
performance.mark('rm:popup-code');
const reading = readTabPage();
import('@/components/popup').then(({ mountPopup }) => mountPopup(document.getElementById('app')!, reading));
