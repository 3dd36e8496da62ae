import type { FunctionComponent } from 'preact';
import type { ReadmarkDb } from '@/utils/storage';
import { t } from '../shared/i18n';
import { ReviewLink } from '../shared/ReviewLink';
import { BackupSection } from './BackupSection';
import { HighlightsSection } from './HighlightsSection';
import { ImportSection } from './ImportSection';
import { IntegritySection } from './IntegritySection';
import { ShortcutsSection } from './ShortcutsSection';
import { SyncSection } from './SyncSection';

/** The sections of the options page, in order: adding one is one line here. */
const SECTIONS: { id: string; Section: FunctionComponent<{ db: ReadmarkDb }> }[] = [
  { id: 'highlights', Section: HighlightsSection },
  { id: 'backup', Section: BackupSection },
  { id: 'import', Section: ImportSection },
  { id: 'sync', Section: SyncSection },
  { id: 'integrity', Section: IntegritySection },
  { id: 'shortcuts', Section: ShortcutsSection },
];

/** The options page (options.html). */
export function SettingsApp({ db }: { db: ReadmarkDb }) {
  return (
    <main class="settings">
      <h1>{t('settingsTitle')}</h1>
      <p>
        <ReviewLink />
      </p>
      {SECTIONS.map(({ id, Section }) => (
        <Section key={id} db={db} />
      ))}
    </main>
  );
}
