import { browser } from 'wxt/browser';
import { type AppError, decodeError, type ErrorCode, type ErrorData } from '@/utils/model';
import { t } from './i18n';

type Wording = { [C in ErrorCode]: (data: ErrorData[C]) => string };

const number = (value: number) => value.toLocaleString(browser.i18n.getUILanguage());

/** Each code's message in the reader's language (_locales), its data filled in. */
const WORDING: Wording = {
  cancelled: () => t('taskCancelled'),
  unexpected: ({ detail }) => t('errorUnexpected', detail),
  'page-no-answer': ({ detail }) => t('errorPageNoAnswer', detail),
  'background-no-answer': ({ detail }) => t('errorBackgroundNoAnswer', detail),
  'offscreen-no-answer': ({ detail }) => t('errorOffscreenNoAnswer', detail),
  'no-answer': () => t('errorNoAnswer'),
  'message-malformed': () => t('errorMessageMalformed'),
  'message-unknown': ({ type }) => t('errorMessageUnknown', type),
  'message-not-allowed': ({ type }) => t('errorMessageNotAllowed', type),
  'message-invalid': ({ type, detail }) => t('errorMessageInvalid', [type, detail]),
  'tab-url-unknown': () => t('errorTabUrlUnknown'),
  'capture-not-tab-page': () => t('errorCaptureNotTabPage'),
  'no-tab': () => t('restrictedNoTab'),
  'page-unknown-kind': () => t('restrictedUnknown'),
  'page-file': () => t('restrictedFile'),
  'page-browser': () => t('restrictedBrowserPage'),
  'page-store': () => t('restrictedStore'),
  'page-pdf': () => t('restrictedPdf'),
  'page-no-access': ({ detail }) => t('restrictedNoAccess', detail),
  'not-html': () => t('errorNotHtml'),
  'no-article-text': () => t('errorNoArticleText'),
  'extract-timeout': ({ seconds }) => t('errorExtractTimeout', number(seconds)),
  'extract-failed': ({ detail }) => t('errorExtractFailed', detail),
  'sanitiser-unavailable': () => t('errorSanitiserUnavailable'),
  'storage-full': () => t('errorStorageFull'),
  'storage-failed': ({ detail }) => t('errorStorageFailed', detail),
  'not-web-address': ({ url }) => t('errorNotWebAddress', url),
  'library-unreadable': ({ detail }) => t('errorLibraryUnreadable', detail),
  'article-gone': () => t('errorArticleGone'),
  'images-no-space': () => t('errorImagesNoSpace'),
  'select-text-first': () => t('errorSelectFirst'),
  'select-passage-first': () => t('errorSelectPassageFirst'),
  'highlight-not-on-page': () => t('errorHighlightNotOnPage'),
  'highlight-article-removed': () => t('errorHighlightArticleRemoved'),
  'highlight-article-gone': () => t('errorHighlightArticleGone'),
  'highlight-already-there': () => t('errorHighlightAlreadyThere'),
  'passage-not-in-article': () => t('errorPassageNotInArticle'),
  'highlight-gone': () => t('errorHighlightGone'),
  'highlight-other-page': () => t('errorHighlightOtherPage'),
  'highlight-undo-expired': () => t('errorHighlightUndoExpired'),
  'page-not-saved': () => t('errorPageNotSaved'),
  'note-gone': () => t('errorNoteGone'),
  'note-editor-failed': () => t('errorNoteEditorFailed'),
  'images-not-allowed': () => t('errorImagesNotAllowed'),
  'image-no-access': () => t('errorImageNoAccess'),
  'image-bad-address': () => t('errorImageBadAddress'),
  'image-other-site': () => t('errorImageOtherSite'),
  'image-status': ({ status }) => t('errorImageStatus', String(status)),
  'image-unsupported': () => t('errorImageUnsupported'),
  'image-too-large': () => t('errorImageTooLarge'),
  'image-unreadable': ({ detail }) => t('errorImageUnreadable', detail),
  'site-status': ({ status }) => t('errorSiteStatus', String(status)),
  'not-a-web-page': ({ type }) => t('errorNotAWebPage', type || t('errorUnknownType')),
  'page-too-large': ({ megabytes }) => t('errorPageTooLarge', number(megabytes)),
  'site-unreachable': ({ detail }) => t('errorSiteUnreachable', detail),
  'backup-not-json': ({ detail }) => t('errorBackupNotJson', detail),
  'backup-no-object': () => t('errorBackupNoObject'),
  'backup-wrong-format': () => t('errorBackupWrongFormat'),
  'backup-bad-version': () => t('errorBackupBadVersion'),
  'backup-newer-version': ({ version }) => t('errorBackupNewerVersion', String(version)),
  'backup-not-list': ({ field }) => t('errorBackupNotList', field),
  'backup-cut-short': () => t('errorBackupCutShort'),
  'backup-changed': () => t('errorBackupChanged'),
  'backup-incomplete': ({ count, kind, index, reason }) =>
    t('errorBackupIncomplete', [number(count), kind, String(index), reason]),
  'backup-count-mismatch': (counts) =>
    t(
      'errorBackupCountMismatch',
      [counts.articles, counts.highlights, counts.expectedArticles, counts.expectedHighlights].map(number),
    ),
  'import-empty': () => t('errorImportEmpty'),
  'import-unreadable': ({ detail }) => t('errorImportUnreadable', detail),
  'import-zip-unknown': () => t('errorImportZipUnknown'),
  'import-zip-damaged': ({ detail }) => t('errorImportZipDamaged', detail),
  'import-json-unreadable': ({ detail }) => t('errorImportJsonUnreadable', detail),
  'import-empty-list': () => t('errorImportEmptyList'),
  'import-json-unknown': () => t('errorImportJsonUnknown'),
  'import-html-unknown': () => t('errorImportHtmlUnknown'),
  'import-csv-unknown': () => t('errorImportCsvUnknown'),
  'import-csv-damaged': ({ detail }) => t('errorImportCsvDamaged', detail),
  'import-part-damaged': ({ name, detail }) => t('errorImportPartDamaged', [name, detail]),
  'import-part-not-json': ({ name, detail }) => t('errorImportPartNotJson', [name, detail]),
  'import-part-not-list': ({ name }) => t('errorImportPartNotList', name),
  'skip-no-url': () => t('errorSkipNoUrl'),
  'skip-not-web-address': ({ scheme }) => t('errorSkipNotWebAddress', scheme),
  'skip-invalid-address': () => t('errorSkipInvalidAddress'),
  'skip-readwise-no-url': () => t('errorSkipReadwiseNoUrl'),
  'tag-name-empty': () => t('errorTagNameEmpty'),
  'search-index-unusable': ({ detail }) => t('errorSearchIndexUnusable', detail),
  'search-unavailable': ({ detail }) => t('searchError', detail),
  'profile-not-json': () => t('profileNotProfile'),
  'profile-not-profile': () => t('profileNotProfile'),
  'profile-newer-version': () => t('profileNewerVersion'),
  'profile-bad-values': ({ keys }) => t('profileBadValues', keys),
  'sync-not-set-up': () => t('errorSyncNotSetUp'),
  'sync-no-permission': ({ origin }) => t('errorSyncNoPermission', origin),
  'sync-bad-url': () => t('errorSyncBadUrl'),
  'sync-unreachable': ({ detail }) => t('errorSyncUnreachable', detail),
  'sync-sign-in-failed': () => t('errorSyncSignInFailed'),
  'sync-server-failed': ({ detail }) => t('errorSyncServerFailed', detail),
  'sync-no-folder': () => t('errorSyncNoFolder'),
  'sync-folder-not-empty': () => t('errorSyncFolderNotEmpty'),
  'sync-folder-changed': ({ reason }) => t('errorSyncFolderChanged', reason),
  'sync-passphrase-needed': () => t('errorSyncPassphraseNeeded'),
  'sync-wrong-passphrase': () => t('errorSyncWrongPassphrase'),
  'sync-not-encrypted': () => t('errorSyncNotEncrypted'),
  'sync-newer-format': () => t('errorSyncNewerFormat'),
  'sync-damaged': ({ detail }) => t('errorSyncDamaged', detail),
  'sync-mass-change': ({ deletions, additions, before }) =>
    t('errorSyncMassChange', [number(deletions), number(additions), number(before)]),
  'sync-records-rejected': ({ count, detail }) => t('errorSyncRecordsRejected', [number(count), detail]),
};

/** The message a reader sees for an error, in the interface's language. */
export function errorMessage(error: AppError): string {
  return (WORDING[error.code] as (data: AppError['data']) => string)(error.data);
}

/** The message for an error a record stores as text (`encodeError`); text stored before codes shows as it is. */
export function storedErrorMessage(text: string): string {
  const error = decodeError(text);
  return error ? errorMessage(error) : text;
}
