import { render } from 'preact';
import { ReaderApp } from '@/components/reader';
import { installSyncCapture } from '@/utils/services';
import { openDb } from '@/utils/storage';
// Order matters: reader.css overrides theme.css's palette with selectors of the same weight,
// and reader-panels.css builds on reader.css.
import '@/components/shared/theme.css';
import '@/components/reader/reader-fonts.css';
import '@/components/reader/reader.css';
import '@/components/reader/reader-panels.css';

const params = new URLSearchParams(location.search);
render(
  <ReaderApp
    db={installSyncCapture(openDb())}
    id={params.get('id') ?? ''}
    highlightId={params.get('highlight')}
  />,
  document.getElementById('app')!,
);
