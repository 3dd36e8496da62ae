import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createSanitiser } from '@/utils/extraction';
import type { ReadmarkDb, StoredArticle } from '@/utils/storage';
import { t } from '../shared/i18n';
import { SettingsLink } from '../shared/SettingsLink';
import { LineFocus } from './LineFocus';
import { ListenBar, ListenButton } from './ListenBar';
import { MissingImages } from './MissingImages';
import { ProgressBar } from './ProgressBar';
import { prepareArticle } from './prepare-article';
import { ReaderHeader } from './ReaderHeader';
import { ReaderSettings } from './ReaderSettings';
import { textLayoutKey } from './reader-settings';
import { SIDE_PANEL_ID, SidePanel } from './SidePanel';
import { TableOfContents, TOC_BESIDE_REM } from './TableOfContents';
import { useFitsBeside } from './use-fits-beside';
import { useJumpToHighlight } from './use-jump-to-highlight';
import { useListen } from './use-listen';
import { useObjectUrls } from './use-object-urls';
import { useReaderAnnotations } from './use-reader-annotations';
import type { ReaderSettingsState } from './use-reader-settings';
import { useReadingPosition } from './use-reading-position';

interface Props {
  db: ReadmarkDb;
  /** The article and its stored pictures (original URL → bytes). */
  article: StoredArticle & { images: ReadonlyMap<string, Blob> };
  reader: ReaderSettingsState;
  /** A highlight to open the article at (from the review page). */
  highlightId?: string | null;
}

/** The loaded article: tool bar, progress, header, contents, body and the side panel. */
export function ReaderView({ db, article, reader, highlightId = null }: Props) {
  const { meta, content } = article;
  const { settings } = reader;
  // Saved HTML is untrusted forever: sanitised again here, at render time, then prepared
  // (lazy images, heading ids) without DOMPurify's help since that pass adds nothing executable.
  const sanitise = useMemo(() => createSanitiser(window), []);
  const imageUrls = useObjectUrls(article.images);
  const prepared = useMemo(
    () => prepareArticle(sanitise(content.contentHtml), new DOMParser(), imageUrls),
    [sanitise, content.contentHtml, imageUrls],
  );
  const body = useRef<HTMLElement>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const tocBeside = useFitsBeside(body, TOC_BESIDE_REM);
  // Whatever moves the text must not move the reader's place: the settings (one at a time, or a
  // preset or profile at once), the open panel (it narrows the column on wide screens) and the
  // contents leaving the flow for the margin.
  const layoutKey = `${textLayoutKey(settings)} ${panelOpen} ${tocBeside}`;
  const position = useReadingPosition({
    db,
    articleId: meta.id,
    articleRef: body,
    savedProgress: reader.loaded ? meta.progress : null,
    layoutKey,
  });
  const annotations = useReaderAnnotations(body, db, meta.id, content.textContent, prepared.html);
  useJumpToHighlight(annotations, highlightId);
  const listen = useListen({
    db,
    articleId: meta.id,
    body,
    lang: meta.lang || navigator.language,
    settings,
    update: reader.update,
  });
  const panelToggle = useRef<HTMLButtonElement>(null);
  const closePanel = () => {
    setPanelOpen(false);
    panelToggle.current?.focus();
  };
  useEffect(() => {
    document.title = meta.title;
  }, [meta.title]);

  const failure = reader.error ?? position.error ?? listen.error;
  return (
    <>
      <header class="reader-bar">
        <ProgressBar progress={position.progress} />
        <a class="reader-bar-link" href={browser.runtime.getURL('/library.html')}>
          {t('backToLibrary')}
        </a>
        <SettingsLink />
        <ListenButton listen={listen} />
        <ReaderSettings settings={settings} update={reader.update} />
        <button
          type="button"
          id="reader-panel-toggle"
          ref={panelToggle}
          aria-expanded={panelOpen}
          aria-controls={SIDE_PANEL_ID}
          onClick={() => (panelOpen ? closePanel() : setPanelOpen(true))}
        >
          {t('panelTitle')}
        </button>
      </header>
      {failure && (
        <p role="alert" class="notice reader-failure">
          {failure}
        </p>
      )}
      <div class="reader-layout" data-panel={panelOpen ? 'open' : 'closed'}>
        <main class="reader" lang={meta.lang ?? undefined} dir={meta.dir ?? undefined}>
          <ReaderHeader meta={meta} />
          {meta.notDownloaded === 1 && (
            <p class="notice" id="reader-not-downloaded">
              {t('readerNotDownloaded')}{' '}
              <a href={meta.url} rel="noreferrer" target="_blank">
                {t('readerOpenOriginal')}
              </a>
            </p>
          )}
          <TableOfContents entries={prepared.toc} beside={tocBeside} />
          <MissingImages db={db} articleId={meta.id} missing={prepared.missingImages} />
          {/* Sanitised with DOMPurify just above, under a strict CSP. */}
          <article
            ref={body}
            class="reader-content"
            aria-labelledby="reader-title"
            dangerouslySetInnerHTML={{ __html: prepared.html }}
          />
        </main>
        {panelOpen && (
          <SidePanel meta={meta} content={content} annotations={annotations} onClose={closePanel} />
        )}
      </div>
      <LineFocus mode={settings.focus} articleRef={body} layoutKey={layoutKey} spoken={listen.spokenRange} />
      <ListenBar listen={listen} />
    </>
  );
}
