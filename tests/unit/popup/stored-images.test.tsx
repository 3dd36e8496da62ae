// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { StoredImages } from '@/components/popup/StoredImages';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import { useLocale } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

const root = useRenderRoot();
let db: ReadmarkDb;

beforeEach(() => {
  db = openDb(`readmark-stored-images-${crypto.randomUUID()}`);
});
afterEach(() => db.close());

/** Saves an article with `pictures` pictures on another site (none stored) and shows the notice. */
async function noticeFor(pictures: number): Promise<string> {
  const images = Array.from({ length: pictures }, (_, i) => `<img src="https://cdn.example/${i}.jpg">`);
  const saved = await saveArticle(
    db,
    makeExtracted({ url: `https://news.example/${pictures}`, contentHtml: `<p>Text.</p>${images.join('')}` }),
  );
  if (!saved.ok) throw new Error('the article was not saved');
  render(null, root());
  await act(async () => {
    render(<StoredImages db={db} articleId={saved.value.id} />, root());
  });
  const notice = await vi.waitFor(() => {
    const shown = root().querySelector('#images-missing');
    if (!shown) throw new Error('no notice yet');
    return shown.textContent!;
  });
  return notice;
}

describe('the popup’s notice of pictures on other sites', () => {
  test('English: one picture is, two pictures are', async () => {
    useLocale('en');
    expect(await noticeFor(1)).toMatch(/^1 picture is on another site \(cdn\.example\) and was not stored\./);
    expect(await noticeFor(2)).toMatch(
      /^2 pictures are on other sites \(cdn\.example\) and were not stored\./,
    );
  });

  test('French: une image est, deux images sont', async () => {
    useLocale('fr');
    expect(await noticeFor(1)).toMatch(
      /^1 image est sur un autre site \(cdn\.example\) et n’a pas été enregistrée\./,
    );
    expect(await noticeFor(2)).toMatch(
      /^2 images sont sur d’autres sites \(cdn\.example\) et n’ont pas été enregistrées\./,
    );
  });
});
