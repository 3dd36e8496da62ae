import { useEffect, useRef } from 'preact/hooks';
import type { ArticleContent, ArticleMeta } from '@/utils/model';
import { t } from '../shared/i18n';
import { RemovedBlocks } from '../shared/RemovedBlocks';
import { HighlightsPanel } from './HighlightsPanel';
import type { ReaderAnnotations } from './reader-annotations';

export const SIDE_PANEL_ID = 'reader-panel';

interface Props {
  meta: ArticleMeta;
  content: ArticleContent;
  annotations: ReaderAnnotations | null;
  onClose(): void;
}

/**
 * The panel beside the article: highlights and notes, tags, and what extraction removed. It takes
 * focus when it opens (so keyboard and screen-reader users land in it); Escape or the close button
 * closes it and the toggle gets focus back (ReaderApp does that).
 */
export function SidePanel({ meta, content, annotations, onClose }: Props) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <aside
      id={SIDE_PANEL_ID}
      ref={panel}
      class="reader-panel"
      tabIndex={-1}
      aria-labelledby="reader-panel-title"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <div class="reader-panel-head">
        <h2 id="reader-panel-title">{t('panelTitle')}</h2>
        <button type="button" class="reader-icon-button" aria-label={t('closePanel')} onClick={onClose}>
          ×
        </button>
      </div>
      <section aria-labelledby="reader-highlights-title">
        <h3 id="reader-highlights-title">{t('highlightsTitle')}</h3>
        <HighlightsPanel annotations={annotations} />
      </section>
      <section aria-labelledby="reader-tags-title">
        <h3 id="reader-tags-title">{t('tagsTitle')}</h3>
        {meta.tags.length > 0 ? (
          <ul class="reader-tags">
            {meta.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        ) : (
          <p class="reader-empty">{t('tagsEmpty')}</p>
        )}
      </section>
      {content.removed.length > 0 && (
        <section aria-labelledby="reader-removed-title">
          <h3 id="reader-removed-title">{t('removedTitle')}</h3>
          <p class="meta">{t('removedIntro')}</p>
          <RemovedBlocks blocks={content.removed} />
        </section>
      )}
    </aside>
  );
}
