import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadMissingImages, readArticleImageState } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { formatBytes } from '../shared/format';
import { t, tn } from '../shared/i18n';
import { useObserved } from '../shared/use-observed';

/**
 * What was stored of the saved article's pictures (count and size), and for pictures on other
 * sites, the one place Readmark asks for host access: a plain explanation and a button.
 */
export function StoredImages({ db, articleId }: { db: ReadmarkDb; articleId: string }) {
  const state = useObserved(() => readArticleImageState(db, articleId), [db, articleId]);
  const [problem, setProblem] = useState<string | null>(null);
  if (state.kind !== 'ready') return null;
  const { stored, missing } = state.value;
  const hosts = [...new Set(missing.map((url) => new URL(url).host))];
  const load = async () => {
    setProblem(null);
    const loaded = await loadMissingImages(db, articleId, missing);
    if (!loaded.ok) setProblem(errorMessage(loaded.error));
  };
  return (
    <section class="stored-images" aria-label={t('imagesHeading')}>
      <p id="stored-images" class="meta">
        {t('imagesStored', [
          stored.count.toLocaleString(browser.i18n.getUILanguage()),
          formatBytes(stored.bytes),
        ])}
      </p>
      {missing.length > 0 && (
        <>
          <p id="images-missing" class="meta">
            {tn('imagesMissing', missing.length, [hosts.join(', ')])}
          </p>
          <button type="button" id="load-images" onClick={load}>
            {t('imagesLoad')}
          </button>
        </>
      )}
      {problem && (
        <p role="alert" class="notice">
          {problem}
        </p>
      )}
    </section>
  );
}
