import { render } from 'preact';
import { PopupApp } from '@/components/popup';
import { installSyncCapture } from '@/utils/services';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';

// Marks read by `npm run bench:preview` (performance marks cost nothing measurable).
performance.mark('rm:popup-code');
render(<PopupApp db={installSyncCapture(openDb())} />, document.getElementById('app')!);
