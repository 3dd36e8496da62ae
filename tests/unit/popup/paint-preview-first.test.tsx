// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { takeFirstPaint } from '@/components/popup/first-paint-handoff';
import { PopupApp } from '@/components/popup/PopupApp';
import { paintPreviewFirst, startFirstPaint } from '@/components/popup/paint-preview-first';
import { ok } from '@/utils/model';
import { type OwnExtraction, previewOf, type TabReading } from '@/utils/services';
import { openDb, type ReadmarkDb } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import { mockCapturedTab } from '../../support/captured-tab';
import { useLocale } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

// The popup's first script reads the tab and paints the article (and "Reading…" if that takes a
// while); the rest of the popup (the saved? look-up, Save…) loads after that paint and takes over
// without the article leaving the screen.

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
  test('a usual page goes straight to its article: no "Reading…" before it, nor after', async () => {
    const painted = paintPreviewFirst(root(), Promise.resolve(read));
    expect($('main')).toBeNull();
    expect(await painted).toEqual(read.article);
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    // Past the notice's delay, the article is still what shows.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    expect($('[aria-busy]')).toBeNull();
  });

  test('says "Reading…" when the tab takes longer than a moment, then shows the article', async () => {
    let finish!: (reading: TabReading) => void;
    const reading = new Promise<TabReading>((resolve) => {
      finish = resolve;
    });
    const painted = paintPreviewFirst(root(), reading);
    await vi.waitFor(() => expect($('main')!.getAttribute('aria-busy')).toBe('true'));
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

describe('the popup’s first script', () => {
  beforeEach(() => {
    root().id = 'app';
  });

  test('leaves its reading and paint for the popup’s module (once), and loads the modules after its paint', async () => {
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 4, url: 'chrome://settings/' }] as never);
    const loadModules = vi.fn();
    const first = startFirstPaint(loadModules);
    expect(takeFirstPaint()).toBe(first);
    expect(takeFirstPaint()).toBeUndefined();
    expect(await first.reading).toEqual({ kind: 'restricted', reason: { code: 'page-browser' } });
    expect(await first.painted).toBeNull();
    expect(loadModules).toHaveBeenCalled();
  });

  test('where the popup’s own Worker must extract, loads the modules first and paints what their Worker reads', async () => {
    mockCapturedTab(4, 'https://news.example/bridge', true);
    const loadModules = vi.fn();
    const first = startFirstPaint(loadModules);
    // No offscreen document here: the reading needs the modules' Worker before any paint.
    await vi.waitFor(() => expect(loadModules).toHaveBeenCalled());
    expect($('#preview-title')).toBeNull();
    const own = async (): Promise<OwnExtraction> => ({
      preview: async () => ok({ preview: read.article, complete: read.complete }),
      whole: read.complete,
    });
    first.provideOwnExtraction(own);
    expect(await first.painted).toEqual(read.article);
    expect($('#preview-title')!.textContent).toBe('Council votes on the bridge');
    first.clear();
    expect(root().childNodes).toHaveLength(0);
  });
});
