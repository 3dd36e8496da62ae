import { useState } from 'preact/hooks';
import { checkIntegrity, type IntegrityReport, isHealthy, type ReadmarkDb } from '@/utils/storage';
import { t } from '../shared/i18n';

/** "Check my library": counts, and any record no screen could show (read only, changes nothing). */
export function IntegritySection({ db }: { db: ReadmarkDb }) {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setReport(await checkIntegrity(db));
    } catch (failure) {
      setError(String(failure));
    }
  };
  const problems: [string, string[]][] = report
    ? [
        [t('integrityNoBody'), report.articlesWithoutContent],
        [t('integrityStrayBody'), report.contentsWithoutArticle],
        [t('integrityLostHighlight'), report.highlightsWithoutArticle],
        [t('integrityUnreadable'), report.unreadable],
      ]
    : [];
  return (
    <section class="settings-section" aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('integrityTitle')}</h2>
      <p class="meta">{t('integrityIntro')}</p>
      <button type="button" id="integrity-check" onClick={run}>
        {t('integrityRun')}
      </button>
      {error && (
        <p role="alert" class="notice">
          {error}
        </p>
      )}
      {report && (
        <div role="status" id="integrity-report">
          <p>{t('integrityCounts', [String(report.articles), String(report.highlights)])}</p>
          {isHealthy(report) ? (
            <p class="ok">{t('integrityHealthy')}</p>
          ) : (
            <ul class="notice">
              {problems
                .filter(([, ids]) => ids.length > 0)
                .map(([label, ids]) => (
                  <li key={label}>
                    {label}: {ids.length}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
