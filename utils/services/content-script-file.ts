/**
 * The content script as the build emits it (WXT's `content-scripts/<name>.js`): injected on
 * demand by the popup and the background, or registered for every page with host access.
 */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** The popup's capture script (entrypoints/capture.ts, a WXT unlisted script): serialises the page, nothing else. */
export const CAPTURE_SCRIPT_FILE = '/capture.js';
