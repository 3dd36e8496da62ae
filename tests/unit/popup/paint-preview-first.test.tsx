// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PopupApp } from '@/components/popup/PopupApp';
import { paintPreviewFirst } from '@/components/popup/paint-preview-first';
import { ok } from '@/utils/model';
import { previewOf, type TabReading } from '@/utils/services';
import { openDb, type ReadmarkDb } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import { useLocale } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

// The popup paints "Reading…", then the article, from a small chunk; the rest of the popup (the
// saved? look-up, Save…) loads after that paint and takes over without the article leaving the screen.

const root = useRenderRoot();
let db: ReadmarkDb;
beforeEach(() => {
  db = openDb(`readmark-first-paint-${crypto.randomUUID()}`);
  useLocale('en');
});
afterEach(() => db.close());

const whole = makeExtracted({
  title: 'Council votes on the bridge',
  contentHtml: '<p>The town council voted on Tuesday.</p>',
  textContent: 'The town council voted on Tuesday.',
  opening: 'The town council voted on Tuesday.',
});
const read: TabReading = {
  kind: 'read',
  tabId: 4,
  article: previewOf(whole),
  complete: async () => ok(whole),
  selection: '',
};
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);

describe('the popup’s first paint', () => {
  test('shows "Reading…" until the tab is read, then the article, and answers it', async () => {
    let finish!: (reading: TabReading) => void;
    const reading = new Promise<TabReading>((resolve) => {
      finish = resolve;
    });
    const painted = paintPreviewFirst(root(), reading);
    expect($('main')!.getAttribute('aria-busy')).toBe('true');
    expect($('#preview-title')).toBeNull();

    finish(read);
    expect(await painted).toEqual(read.article);
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    expect($('#opening')!.textContent).toBe('The town council voted on Tuesday.');
    expect($('main')!.hasAttribute('aria-busy')).toBe(false);
  });

  test('a page it may not read paints no article and answers null (the popup then says why)', async () => {
    const restricted: TabReading = { kind: 'restricted', reason: { code: 'page-browser' } };
    expect(await paintPreviewFirst(root(), Promise.resolve(restricted))).toBeNull();
    expect($('#preview-title')).toBeNull();
  });

  test('the popup keeps the painted article on screen while it looks the page up, then adds its actions', async () => {
    render(<PopupApp db={db} reading={Promise.resolve(read)} early={read.article} />, root());
    // Committed at once: the article, no "Reading…", and no Save until the look-up has answered.
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    expect($('[aria-busy]')).toBeNull();
    expect($('#save')).toBeNull();

    await vi.waitFor(() => expect($('#save')).not.toBeNull());
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    expect($('#opening')!.textContent).toBe('The town council voted on Tuesday.');
  });
});
