import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ReviewApp } from '@/components/review';
import { t } from '@/components/shared/i18n';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';
import '@/components/review/review.css';

document.title = t('reviewTitle');
document.documentElement.lang = browser.i18n.getUILanguage();
render(<ReviewApp db={openDb()} />, document.getElementById('app')!);
