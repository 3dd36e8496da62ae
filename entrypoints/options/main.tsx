import { render } from 'preact';
import { SettingsApp } from '@/components/settings';
import { t } from '@/components/shared/i18n';
import { installSyncCapture } from '@/utils/services';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';
import '@/components/settings/settings.css';

document.title = t('settingsTitle');
render(<SettingsApp db={installSyncCapture(openDb())} />, document.getElementById('app')!);
