import { useMemo, useState } from 'preact/hooks';
import { createSanitiser } from '@/utils/extraction';
import type { HtmlParser, LibraryImportPlan, ParsedImport } from '@/utils/import';
import { sendDownloadMessage } from '@/utils/messaging';
import {
  type ExtractHtml,
  extractInWorker,
  type ImportPreview,
  previewImport,
  runImport,
} from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t, tn } from '../shared/i18n';
import { TaskStatus } from './TaskStatus';
import { useLongTask } from './use-long-task';

const FORMAT_NAMES: Record<ParsedImport['format'], string> = {
  pocket: 'Pocket',
  omnivore: 'Omnivore',
  hypothesis: 'Hypothesis',
  obsidian: 'Obsidian Web Clipper',
  wallabag: 'wallabag',
  instapaper: 'Instapaper',
  readwise: 'Readwise',
  netscape: 'bookmarks',
};

// DOMParser documents are inert (no scripts run, nothing loads): safe for an export's HTML.
const parseHtml: HtmlParser = (html) => new DOMParser().parseFromString(html, 'text/html');

// A tool's readable copy is a fragment: give the pipeline a whole page with the tool's title.
const extract: ExtractHtml = (html, url, title) => {
  const page = parseHtml(
    '<!doctype html><html><head><title></title></head><body><article></article></body></html>',
  );
  page.title = title;
  page.querySelector('article')!.innerHTML = html;
  return extractInWorker({ url, title, html: page.documentElement.outerHTML });
};

type Counts = LibraryImportPlan['counts'];

/**
 * "Import from another app": choose a file → see what it holds (articles, highlights, notes, tags,
 * what is skipped and why, what the library already has) → Import, in one transaction with a
 * progress bar. A bad or truncated file is a clear message and changes nothing.
 */
export function ImportSection({ db }: { db: ReadmarkDb }) {
  const task = useLongTask();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<Counts | null>(null);
  const sanitise = useMemo(() => createSanitiser(window), []);
  const running = task.state.kind === 'running';

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    setPreview(null);
    setDone(null);
    if (!file) return;
    const read = await task.run(
      async () => previewImport(db, new Uint8Array(await file.arrayBuffer()), parseHtml),
      (error) => t('importCannotRead', error),
    );
    setPreview(read);
    input.value = ''; // choosing the same file again reads it again
  };

  const start = async () => {
    if (!preview) return;
    const counts = await task.run(
      (signal, onProgress) => runImport(db, preview, { extract, sanitise, signal, onProgress }),
      (error) => t('importFailed', error),
    );
    if (!counts) return;
    setPreview(null);
    setDone(counts);
    // URL-only articles on sites the reader already gave access to start downloading at once.
    void sendDownloadMessage('downloadImported', { retryFailed: false });
  };

  return (
    <section class="settings-section" aria-labelledby="import-title" id="import">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="meta">{t('importIntro')}</p>
      <div class="settings-row">
        <label class="file-choice">
          <span class="file-choice-label">{t('importChoose')}</span>
          <input
            type="file"
            id="import-file"
            disabled={running}
            onChange={(event) => choose(event.currentTarget)}
          />
        </label>
        {preview && !running && <ImportSummary preview={preview} onImport={start} />}
        <TaskStatus state={task.state} onCancel={task.cancel} />
        {done && (
          <p class="task-outcome ok" role="status" id="import-done">
            {t('importDone', [
              tn('countNewArticles', done.added),
              n(done.merged),
              tn('countHighlights', done.highlights),
              tn('importOrphans', done.orphans),
            ])}
            {done.alreadyThere > 0 && ` ${t('importAlreadyThere', n(done.alreadyThere))}`}
          </p>
        )}
      </div>
    </section>
  );
}

const n = (value: number) => value.toLocaleString();

function ImportSummary({ preview, onImport }: { preview: ImportPreview; onImport: () => void }) {
  const { parsed, alreadyInLibrary, withContent } = preview;
  const reasons = new Map<string, number>();
  for (const { reason } of parsed.skipped) {
    const text = errorMessage(reason);
    reasons.set(text, (reasons.get(text) ?? 0) + 1);
  }
  const toDownload = parsed.items.filter((item) => item.html === undefined).length;
  return (
    <div class="restore-preview" id="import-preview" data-with-content={withContent}>
      <p id="import-summary">
        {t('importSummary', [
          FORMAT_NAMES[parsed.format],
          tn('countArticles', parsed.articles),
          tn('countHighlights', parsed.highlights),
          tn('countNotes', parsed.notes),
          tn('countTags', parsed.tags),
        ])}
      </p>
      <p id="import-already">{t('importAlready', n(alreadyInLibrary))}</p>
      {toDownload > 0 && <p id="import-to-download">{t('importToDownload', n(toDownload))}</p>}
      {parsed.skipped.length > 0 && (
        <div class="rejected notice" id="import-skipped">
          <p>{t('importSkipped', n(parsed.skipped.length))}</p>
          <ul>
            {[...reasons].map(([reason, count]) => (
              <li key={reason}>{t('importSkippedReason', [reason, n(count)])}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" id="import-confirm" class="primary" onClick={onImport}>
        {t('importConfirm')}
      </button>
    </div>
  );
}
