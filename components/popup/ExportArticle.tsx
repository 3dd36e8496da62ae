import { useState } from 'preact/hooks';
import { errorFromThrown } from '@/utils/model';
import { type ExportFormat, exportArticleFile } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { downloadFile } from '../shared/download';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';

/** "Export: Markdown | HTML" for the saved article: downloads it with its highlights and notes. */
export function ExportArticle({ db, articleId }: { db: ReadmarkDb; articleId: string }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const exportAs = async (format: ExportFormat) => {
    try {
      const file = await exportArticleFile(db, articleId, format);
      if (!file.ok) return setStatus({ ok: false, text: t('exportFailed', errorMessage(file.error)) });
      downloadFile(file.value.name, file.value.data, file.value.type);
      setStatus({ ok: true, text: t('exportDone', file.value.name) });
    } catch (error) {
      setStatus({ ok: false, text: t('exportFailed', errorMessage(errorFromThrown(error))) });
    }
  };
  return (
    <span class="export-article">
      <span id="export-label" class="meta">
        {t('exportLabel')}
      </span>{' '}
      <button
        type="button"
        id="export-markdown"
        title={t('exportMarkdownTitle')}
        onClick={() => exportAs('markdown')}
      >
        {t('exportMarkdown')}
      </button>{' '}
      <button type="button" id="export-html" title={t('exportHtmlTitle')} onClick={() => exportAs('html')}>
        {t('exportHtml')}
      </button>
      {status && (
        <span
          id="export-status"
          role={status.ok ? 'status' : 'alert'}
          class={status.ok ? 'meta ok' : 'notice'}
        >
          {' '}
          {status.text}
        </span>
      )}
    </span>
  );
}
