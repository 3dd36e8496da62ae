// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PopupApp } from '@/components/popup/PopupApp';
import { type ExtractedArticle, err, ok, type Result } from '@/utils/model';
import { previewOf, type TabReading } from '@/utils/services';
import { getArticle, openDb, type ReadmarkDb } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import { useLocale } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

// The popup paints its preview from the article without its HTML, and asks for the whole article
// (sanitised in the offscreen document) after that paint. Whatever the reader does meanwhile, the
// "Removed" list ends complete and Save stores the whole article.

const root = useRenderRoot();
let db: ReadmarkDb;
beforeEach(() => {
  db = openDb(`readmark-popup-app-${crypto.randomUUID()}`);
  useLocale('en');
});
afterEach(() => db.close());

const whole = makeExtracted({
  contentHtml: '<p>The town council voted on Tuesday.</p><span id="readmark-removed-0"></span>',
  textContent: 'The town council voted on Tuesday.',
  opening: 'The town council voted on Tuesday.',
  removed: [
    {
      rule: 'newsletter',
      label: 'newsletter box',
      sample: 'Sign up',
      html: '<div><p>Sign up for the Courier’s morning letter</p></div>',
    },
  ],
});

/** A reading whose whole article comes when the test says (`arrive`); how often it was asked for. */
function reading() {
  let arrive!: (result: Result<ExtractedArticle>) => void;
  const coming = new Promise<Result<ExtractedArticle>>((resolve) => {
    arrive = resolve;
  });
  const complete = vi.fn(() => coming);
  const read: TabReading = { kind: 'read', tabId: 4, article: previewOf(whole), complete, selection: '' };
  return {
    read: Promise.resolve(read),
    complete,
    arrive: (r: Result<ExtractedArticle> = ok(whole)) => act(async () => arrive(r)),
  };
}

const $ = (selector: string) => root().querySelector<HTMLElement>(selector);

async function mount(read: Promise<TabReading>) {
  await act(async () => {
    render(<PopupApp db={db} reading={read} />, root());
  });
  await vi.waitFor(() => expect($('#preview-title')).not.toBeNull());
}

describe('the popup before and after the whole article comes', () => {
  test('the preview and the Removed summary show before the whole article; the list is complete after it', async () => {
    const { read, complete, arrive } = reading();
    await mount(read);
    expect($('#preview-title')!.textContent).toBe(whole.title);
    expect($('#opening')!.textContent).toBe('The town council voted on Tuesday.');
    expect($('#removed-summary')!.textContent).toContain('newsletter box');
    // Asked for once the preview was committed (an effect: after its paint).
    await vi.waitFor(() => expect(complete).toHaveBeenCalled());

    await arrive();
    await act(async () => $('#removed-summary button')!.click());
    expect($('.removed-text')!.textContent).toBe('Sign up for the Courier’s morning letter');
  });

  test('Save clicked before the whole article came waits for it and stores it, kept block included', async () => {
    const { read, arrive } = reading();
    await mount(read);
    await act(async () => $('#removed-summary button')!.click());
    // Opened this soon, the list shows the sample; keeping the block works the same.
    expect($('.removed-text')!.textContent).toBe('Sign up');
    await act(async () => $('.keep')!.click());
    await act(async () => $('#save')!.click());
    expect($('#status')!.textContent).toBe('Saving…');

    await arrive();
    await vi.waitFor(() => expect($('#status')!.textContent).toMatch(/^Saved/), { timeout: 5_000 });
    const [meta] = await db.articles.toArray();
    const stored = await getArticle(db, meta!.id);
    expect(stored!.content.contentHtml).toBe(
      '<p>The town council voted on Tuesday.</p><div><p>Sign up for the Courier’s morning letter</p></div>',
    );
    expect(stored!.content.removed).toEqual([]);
  });

  test('a whole article that cannot be had is said when saving, and nothing is stored', async () => {
    const { read, arrive } = reading();
    await mount(read);
    await arrive(err('extract-failed', { detail: 'DOMPurify could not load' }));
    await act(async () => $('#save')!.click());
    await vi.waitFor(() => expect($('#status')!.className).toBe('notice'));
    expect($('#status')!.textContent).toContain('DOMPurify could not load');
    expect(await db.articles.count()).toBe(0);
  });
});
