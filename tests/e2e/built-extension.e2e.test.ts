import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// Reviewed lists: a change to the built manifest fails here until the list is updated on purpose.
const REVIEWED = {
  permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'contextMenus', 'alarms'],
  chromeOnlyPermissions: ['offscreen'],
  optionalHostPermissions: ['http://*/*', 'https://*/*'],
  extensionPagesCsp:
    "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; frame-ancestors 'none'",
};

const OUTPUTS = ['chrome-mv3', 'firefox-mv3']
  .map((name) => resolve(process.cwd(), '.output', name))
  .filter((dir) => existsSync(join(dir, 'manifest.json')));

describe.each(OUTPUTS)('built extension %s', (dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const isChrome = dir.endsWith('chrome-mv3');

  test('asks only for the reviewed permissions; broad host access stays optional', () => {
    const expected = [...REVIEWED.permissions, ...(isChrome ? REVIEWED.chromeOnlyPermissions : [])];
    expect([...manifest.permissions].sort()).toEqual(expected.sort());
    expect(manifest.optional_host_permissions).toEqual(REVIEWED.optionalHostPermissions);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
  });

  test('keeps a strict CSP and exposes nothing to web pages or other extensions', () => {
    expect(manifest.content_security_policy).toEqual({ extension_pages: REVIEWED.extensionPagesCsp });
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  test('every extension page sends no referrer', () => {
    const pages = readdirSync(dir).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      expect(readFileSync(join(dir, page), 'utf8'), page).toMatch(
        /<meta name="referrer" content="no-referrer"/,
      );
    }
  });

  test('the content script never listens to window messages (pages could drive it) nor opens IndexedDB', () => {
    const script = readFileSync(join(dir, 'content-scripts/content.js'), 'utf8');
    // A MessageChannel port of its own (the capture yields to the page between slices through one)
    // is private to the script: only window (or other shared targets) could let a page drive it.
    expect(script).not.toMatch(
      /(?<!port[12]\.)addEventListener\(\s*[`'"]message[`'"]|(?<!port[12]\.)\bonmessage\s*=/,
    );
    expect(script).not.toMatch(/indexedDB|Dexie/);
  });

  test('the background holds the extraction path only where it extracts: Firefox, not Chrome’s service worker', () => {
    // Chrome's worker evaluates its whole script each time it wakes; it asks the offscreen
    // document instead (utils/services/extract-page.ts; npm run bench:worker-start).
    const script = readFileSync(join(dir, 'background.js'), 'utf8');
    const extractionPath = ['extract-worker.js', 'Readability', 'DOMPurify', 'linkedom'];
    for (const marker of extractionPath)
      if (isChrome) expect(script, marker).not.toContain(marker);
      else expect(script, marker).toContain(marker);
    expect(script).toContain('offscreen.html');
  });

  test('the popup loads one script before its preview; its modules are listed for that script, and exist', () => {
    // Each file the popup page loads took the two shared cores from the capture and the
    // extraction (wxt.config.ts, popupModulesAfterFirstPaint; README, preview speed, twelfth round).
    const html = readFileSync(join(dir, 'popup.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain('src="/popup-start.js"');
    expect(html).not.toContain('modulepreload');
    const listed = /data-modules="([^"]+)"/.exec(scripts[0]!)?.[1]?.split(' ') ?? [];
    expect(listed[0]).toMatch(/^\/chunks\/popup-[\w-]+\.js$/);
    for (const file of listed) expect(existsSync(join(dir, file)), file).toBe(true);
    // The entry's own static imports are among the preloads: nothing waits on a second round.
    const entry = readFileSync(join(dir, listed[0]!), 'utf8');
    for (const [, imported] of entry.matchAll(/from\s*["']\.\/([\w.-]+\.js)["']/g))
      expect(listed, imported).toContain(`/chunks/${imported}`);
  });

  test('no extension page listens to window messages either', () => {
    const chunks = join(dir, 'chunks');
    const files = existsSync(chunks) ? readdirSync(chunks).map((f) => join(chunks, f)) : [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/window\.addEventListener\(\s*[`'"]message[`'"]/);
    }
  });
});

test('at least the Chrome build was checked', () => {
  expect(OUTPUTS.some((dir) => dir.endsWith('chrome-mv3'))).toBe(true);
});
