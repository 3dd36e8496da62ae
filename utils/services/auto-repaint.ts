/**
 * Auto-repaint: with this optional host access, Readmark's content script runs on every page and
 * repaints its highlights without a click. The one list of origins, for the settings that ask for
 * it and the background that registers the script while it is granted
 * (./content-script-registration).
 */
export const AUTO_REPAINT_ORIGINS = ['http://*/*', 'https://*/*'];
