import { render } from 'preact';
import { LibraryApp } from '@/components/library';
import { installSyncCapture, takeLibraryStart } from '@/utils/services';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';
import '@/components/library/library.css';

// Read by `npm run bench:library`: when the page's modules had loaded (beside its early read).
performance.mark('rm:library-code');
const focusId = new URLSearchParams(location.search).get('focus');
// The library only reads what it observes (see OpenDbOptions). Its first rows and summary
// snapshot were being read by the page's first script (library-start.js) while this loaded.
render(
  <LibraryApp
    db={installSyncCapture(openDb(undefined, { frozenLiveQueries: true }))}
    takeStart={takeLibraryStart}
    focusId={focusId}
  />,
  document.getElementById('app')!,
);
