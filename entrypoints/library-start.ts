import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startLibraryRead } from '@/utils/services';

// The library's first script: a classic script in library.html's <head>, run as soon as it is
// parsed, before the library's modules (the entry, its chunks, Dexie) have loaded. It only starts
// reading the first screen and the summary snapshot; the library's entry takes the read over
// (takeLibraryStart), or reads through Dexie where this found nothing it may use.
export default defineUnlistedScript(() => {
  void startLibraryRead();
});
