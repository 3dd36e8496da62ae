import { resolve } from 'node:path';
import { defineConfig, type WxtViteConfig } from 'wxt';

// The reader's bundled fonts (components/reader/reader-fonts.css) are under the SIL Open Font
// License, which asks that the licence travel with the font files: each package's is copied in.
const FONT_PACKAGES = ['atkinson-hyperlegible', 'lexend', 'andika', 'opendyslexic'];

// The manifest is reviewed: tests/e2e/manifest-audit checks the built one against these lists.
// Permissions (why each is here is in README.md):
//   activeTab + scripting: read the current tab only after the reader clicks Readmark.
//   storage + unlimitedStorage: settings and a library that is not capped by the default quota.
//   contextMenus: "Highlight selection" on the page's context menu.
//   alarms: the background downloads imported articles in small batches, woken by an alarm while some wait.
// Broad host access is optional and asked for at run time (automatic repaint of highlights).
export default defineConfig({
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'alarms',
      // Chrome's service worker has no DOM: extraction for in-page highlights runs in an offscreen document.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      // The toolbar button from the keyboard: opens the popup (preview, then Save).
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSave__',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandHighlight__',
      },
    },
    // Pictures only from the extension itself or stored blobs (the reader never loads from the web);
    // fonts only from the extension's own files (the reader's legibility fonts are bundled);
    // no forms post anywhere; no page may frame an extension page (the note editor is a window of
    // its own, not a frame in the web page). See docs/threat-model.md.
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'readmark@readmark.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  manifestVersion: 3,
  // No auto-imports: `browser`, `defineBackground`… are imported by name, so the room lint sees them.
  imports: false,
  publicDir: 'components/public',
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const name of FONT_PACKAGES)
        files.push({
          absoluteSrc: resolve(import.meta.dirname, 'node_modules/@fontsource', name, 'LICENSE'),
          relativeDest: `fonts/LICENSE-${name}.txt`,
        });
    },
    // WXT turns a runtime-registered content script's `matches` into required host permissions.
    // Readmark injects it with activeTab instead, so broad access stays optional.
    'build:manifestGenerated': (_wxt, manifest) => {
      const broad = new Set(['http://*/*', 'https://*/*', '<all_urls>']);
      delete manifest.host_permissions;
      manifest.permissions = manifest.permissions?.filter((p) => !broad.has(p));
      if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_actionTitle__';
    },
  },
  vite: () => ({ plugins: [withoutStyleSheetParser(), popupModulesAfterFirstPaint()] }),
  zip: { excludeSources: ['test-results/**'] },
});

type VitePlugin = NonNullable<WxtViteConfig['plugins']>[number];

/**
 * linkedom (the extraction Worker's DOM) parses a <style> element's CSS with cssomnom, but only
 * when its `.sheet` is read, and nothing in the extraction pipeline (nor Readability) reads it.
 * cssomnom is about 200 kB of the Worker's 500 kB, and the popup waits for that script to load
 * (npm run bench:preview): the build gets a stand-in that says so if anything ever does read it,
 * an extraction that fails loudly in the e2e tests rather than a silent wrong article.
 */
function withoutStyleSheetParser(): VitePlugin {
  const stub = '\0readmark:no-style-sheet-parser';
  return {
    name: 'readmark:no-style-sheet-parser',
    enforce: 'pre',
    resolveId: (id) => (id === 'cssomnom/parse' ? stub : null),
    load: (id) =>
      id === stub
        ? "export function parse() { throw new TypeError('Readmark builds linkedom without its CSS parser: <style>.sheet is not available here (wxt.config.ts).'); }"
        : null,
  };
}

/**
 * popup.html loads one script before its preview, popup-start.js: that classic script reads the
 * tab and paints the preview, then loads the popup's modules. Left in the page, the module script
 * and its preloads would be fetched with it (the browser's preload scanner sees them at once), a
 * dozen files whose loading took the two shared cores from the first script, the capture and the
 * extraction (README, preview speed, twelfth round). The built page lists them on the first
 * script's tag instead (`data-modules`: the entry first), for components/popup/load-popup-modules.ts.
 * The stylesheet stays: the preview is painted with it.
 */
function popupModulesAfterFirstPaint(): VitePlugin {
  const moduleTag = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/g;
  const preloadTag = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;
  const firstScript = '<script src="/popup-start.js"></script>';
  return {
    name: 'readmark:popup-modules-after-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { filename }) {
        if (!filename.endsWith('/popup/index.html')) return html;
        const entries = [...html.matchAll(moduleTag)].map((match) => match[1]!);
        const preloads = [...html.matchAll(preloadTag)].map((match) => match[1]!);
        // A build that changed how it writes these tags fails here, not in a popup that never loads.
        if (entries.length !== 1 || !html.includes(firstScript))
          throw new Error(
            `popup.html: expected one module script and ${firstScript}, found ${entries.length} module scripts`,
          );
        return html
          .replace(moduleTag, '')
          .replace(preloadTag, '')
          .replace(
            firstScript,
            `<script src="/popup-start.js" data-modules="${[...entries, ...preloads].join(' ')}"></script>`,
          );
      },
    },
  };
}
