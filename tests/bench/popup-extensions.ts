/**
 * What bench:preview, bench:preview-bisect and bench:worker-start share: the pages, the static floor
 * extension, ids, the baseline build, quantiles.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The static popup's page: one line, and the paint mark the benches wait for. */
export const STATIC_POPUP_HTML =
  '<!doctype html><meta charset="utf-8"><p id="line">A static popup.</p><script src="popup.js"></script>';
export const STATIC_POPUP_JS = "requestAnimationFrame(() => performance.mark('rm:preview-painted'));";

/** A throwaway extension whose popup is one static line: the browser's own floor. */
export function staticPopupExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-static-popup-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Static popup',
      version: '1.0',
      action: { default_popup: 'popup.html' },
    }),
  );
  writeFileSync(join(dir, 'popup.html'), STATIC_POPUP_HTML);
  writeFileSync(join(dir, 'popup.js'), STATIC_POPUP_JS);
  return dir;
}

/** The id Chromium gives an unpacked extension: the SHA-256 of its path, in the letters a–p. */
export function unpackedExtensionId(dir: string): string {
  return [...createHash('sha256').update(dir).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + Number.parseInt(c, 16)))
    .join('');
}

/**
 * A new profile whose toolbar has these extensions pinned (Chrome's `extensions.pinned_extensions`
 * preference), as a reader pins the ones they click. An extension that is not pinned has its
 * button popped out into the toolbar, and Chrome starts loading its popup only after that
 * (≈230 ms; and a click just after another extension's popup closed waits for that button to go
 * back, ≈100 ms more): bench:preview-bisect measures it.
 */
export function profileWithPinned(ids: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-bench-profile-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { pinned_extensions: ids } }),
  );
  return dir;
}

const READABILITY = resolve(process.cwd(), '../shared/corpora/readability-test-pages');
const FIXTURES = resolve(process.cwd(), 'tests/fixtures/extraction');

/**
 * The pages the popup benches click: our extraction fixtures, then Readability's test pages from
 * ../shared/corpora (skipped with a notice where absent), the first `count`.
 */
export function pagesToServe(count: number): { path: string; html: string }[] {
  const pages = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'page.html')))
    .map((d) => ({
      path: `/bench/${d.name}.html`,
      html: readFileSync(join(FIXTURES, d.name, 'page.html'), 'utf8'),
    }));
  if (existsSync(READABILITY)) {
    for (const name of readdirSync(READABILITY).sort()) {
      if (pages.length >= count) break;
      const file = join(READABILITY, name, 'source.html');
      if (existsSync(file)) pages.push({ path: `/bench/rd-${name}.html`, html: readFileSync(file, 'utf8') });
    }
  } else
    console.warn(
      `[bench:preview*] ${READABILITY} is absent: only our ${pages.length} fixture pages are used`,
    );
  return pages.slice(0, count);
}

export const quantile = (values: number[], q: number) => {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
export const fmt = (ms: number) => ms.toFixed(0).padStart(5);

/**
 * `--baseline DIR`: another build of Readmark (say main's, built from `git archive main`) loaded
 * beside this one in the same browser and run, so a change is read against its baseline under the
 * same load; null without the option.
 */
export function baselineDir(): string | null {
  const at = process.argv.indexOf('--baseline');
  if (at < 0) return null;
  const dir = resolve(process.argv[at + 1] ?? '');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`--baseline: no built extension in ${dir}`);
  return dir;
}
