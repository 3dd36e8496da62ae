import { t } from '../shared/i18n';

/** The first-run screen: how an article gets here. */
export function EmptyLibrary() {
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <ol>
        <li>{t('emptyStep1')}</li>
        <li>{t('emptyStep2')}</li>
        <li>{t('emptyStep3')}</li>
      </ol>
      <p class="meta">{t('emptyPrivacy')}</p>
    </section>
  );
}
