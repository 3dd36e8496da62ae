import { useEffect, useState } from 'preact/hooks';
import { sendToTab } from '@/utils/messaging';
import type { Result } from '@/utils/model';
import { pageScriptReady, readColorNames } from '@/utils/services';
import { listHighlights, type ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { HIGHLIGHT_PAINT } from '../shared/highlight-colors';
import { t } from '../shared/i18n';
import { useObserved } from '../shared/use-observed';

/**
 * The current page's highlights in the popup: colour, quote and note, a jump to each painted one,
 * and orphans (no longer found on the changed page) with a way to re-attach them.
 */
export function PageHighlights({
  db,
  articleId,
  tabId,
}: {
  db: ReadmarkDb;
  articleId: string;
  tabId: number;
}) {
  const data = useObserved(
    async () => ({
      highlights: await listHighlights(db, articleId),
      colorNames: await readColorNames(db),
    }),
    [db, articleId],
  );
  const [anchored, setAnchored] = useState<Set<string> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Changes whenever a highlight is added, removed or edited (re-attached, recoloured).
  const version =
    data.kind === 'ready' ? data.value.highlights.map((h) => `${h.id}@${h.updatedAt}`).join() : '';

  // Ask the page which highlights it could paint; it re-anchors whenever the list changes.
  useEffect(() => {
    void pageScriptReady(tabId)
      .then(() => sendToTab(tabId, 'highlightStatus', {}))
      .then((status) => {
        if (status.ok) setAnchored(new Set(status.value.filter((s) => s.anchored).map((s) => s.id)));
      });
  }, [tabId, version]);

  if (data.kind !== 'ready' || data.value.highlights.length === 0) return null;
  const { highlights, colorNames } = data.value;
  const act = async (run: () => Promise<Result<unknown>>) => {
    const result = await run();
    setMessage(result.ok ? null : errorMessage(result.error));
  };

  return (
    <section class="page-highlights" aria-labelledby="page-highlights-title">
      <h2 id="page-highlights-title">{t('highlightsOnPage', String(highlights.length))}</h2>
      <ul>
        {highlights.map((h) => {
          const orphan = anchored !== null && !anchored.has(h.id);
          return (
            <li key={h.id} class={orphan ? 'highlight-item orphan' : 'highlight-item'} data-id={h.id}>
              <span
                class="color-dot"
                style={{ background: HIGHLIGHT_PAINT[h.color].background }}
                title={colorNames[h.color]}
                role="img"
                aria-label={colorNames[h.color]}
              />
              <div class="highlight-body">
                <q>{h.quote.exact}</q>
                {h.note && <p class="note">{h.note}</p>}
                {orphan && <p class="orphan-label">{t('orphanOnPage')}</p>}
              </div>
              {orphan ? (
                <button
                  type="button"
                  class="reattach"
                  onClick={() => act(() => sendToTab(tabId, 'reattachToSelection', { id: h.id }))}
                >
                  {t('reattach')}
                </button>
              ) : (
                <button
                  type="button"
                  class="jump"
                  onClick={() => act(() => sendToTab(tabId, 'scrollToHighlight', { id: h.id }))}
                >
                  {t('jumpTo')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {message && (
        <p role="alert" class="notice">
          {message}
        </p>
      )}
    </section>
  );
}
