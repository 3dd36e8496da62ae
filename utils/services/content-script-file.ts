/**
 * The content script as the build emits it (WXT's `content-scripts/<name>.js`): injected on
 * demand by the popup and the background, or registered for every page with host access.
 */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
