import { render } from 'preact';
import { SettingsApp } from '@/components/settings';
import { t } from '@/components/shared/i18n';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';
import '@/components/settings/settings.css';

document.title = t('settingsTitle');
render(<SettingsApp db={openDb()} />, document.getElementById('app')!);
