import { useEffect, useState } from 'preact/hooks';
import { HIGHLIGHT_PAINT } from '../shared/highlight-colors';
import { t } from '../shared/i18n';
import type { ReaderAnnotations } from './reader-annotations';

/** The article's highlights and notes, in the side panel; each jumps to its place in the text. */
export function HighlightsPanel({ annotations }: { annotations: ReaderAnnotations | null }) {
  const [, setVersion] = useState(0);
  useEffect(() => annotations?.subscribe(() => setVersion((n) => n + 1)), [annotations]);
  if (!annotations || annotations.highlights.length === 0)
    return <p class="reader-empty">{t('highlightsEmpty')}</p>;

  const jump = (id: string) => {
    const range = annotations.painter.range(id);
    range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  };
  return (
    <ul class="reader-highlights">
      {annotations.highlights.map((h) => {
        const anchored = annotations.isAnchored(h.id);
        return (
          <li key={h.id} class={anchored ? 'reader-highlight' : 'reader-highlight orphan'}>
            <span
              class="color-dot"
              role="img"
              aria-label={annotations.colorNames[h.color]}
              style={{ background: HIGHLIGHT_PAINT[h.color].background }}
            />
            <div>
              <button
                type="button"
                class="reader-highlight-quote"
                disabled={!anchored}
                onClick={() => jump(h.id)}
              >
                {h.quote.exact}
              </button>
              {h.note && <p class="reader-highlight-note">{h.note}</p>}
              {!anchored && <p class="reader-highlight-orphan">{t('orphanInReader')}</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
