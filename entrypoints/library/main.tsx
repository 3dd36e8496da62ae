import { render } from 'preact';
import { LibraryApp } from '@/components/library';
import { installSyncCapture } from '@/utils/services';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';
import '@/components/library/library.css';

const focusId = new URLSearchParams(location.search).get('focus');
// The library only reads what it observes (see OpenDbOptions).
render(
  <LibraryApp db={installSyncCapture(openDb(undefined, { frozenLiveQueries: true }))} focusId={focusId} />,
  document.getElementById('app')!,
);
