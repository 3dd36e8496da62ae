import { browser } from 'wxt/browser';
import { t } from './i18n';

/** The daily review of highlights (review.html), from the library and the settings. */
export function ReviewLink() {
  return (
    <a class="review-link" href={browser.runtime.getURL('/review.html')}>
      {t('reviewOpen')}
    </a>
  );
}
