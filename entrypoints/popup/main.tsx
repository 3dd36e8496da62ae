import { render } from 'preact';
import { PopupApp } from '@/components/popup';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';

render(<PopupApp db={openDb()} />, document.getElementById('app')!);
