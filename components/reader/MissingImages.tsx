import { useState } from 'preact/hooks';
import { loadMissingImages } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t, tn } from '../shared/i18n';

/**
 * The notice above an article whose pictures were not all stored: they show as placeholders and
 * are fetched only when the reader clicks "Load images" (which asks for access to their sites).
 */
export function MissingImages({
  db,
  articleId,
  missing,
}: {
  db: ReadmarkDb;
  articleId: string;
  missing: readonly string[];
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (missing.length === 0) return null;
  const load = async () => {
    setProblem(null);
    setBusy(true);
    const loaded = await loadMissingImages(db, articleId, missing);
    setBusy(false);
    if (!loaded.ok) setProblem(errorMessage(loaded.error));
  };
  return (
    <div class="reader-missing-images notice">
      <p id="images-not-stored">{tn('readerImagesMissing', missing.length)}</p>
      <button type="button" id="load-images" disabled={busy} onClick={load}>
        {t('readerImagesLoad')}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
