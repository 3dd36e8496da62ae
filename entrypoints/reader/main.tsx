import { render } from 'preact';
import { ReaderApp } from '@/components/reader';
import { openDb } from '@/utils/storage';
import '@/components/shared/theme.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
render(<ReaderApp db={openDb()} id={id} />, document.getElementById('app')!);
