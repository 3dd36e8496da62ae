import { t } from '../shared/i18n';

/** A thin bar across the top of the page: how much of the article has been read (0..1). */
export function ProgressBar({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  return (
    <div
      class="reader-progress"
      role="progressbar"
      aria-label={t('readingProgress')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      {/* Preact sets custom properties through the CSSOM (style.setProperty): allowed by the CSP. */}
      <div class="reader-progress-fill" style={{ '--progress': String(progress) }} />
    </div>
  );
}
