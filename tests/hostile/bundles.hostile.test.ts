import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { recordFigures } from './support/figures';

// tests/e2e/built-extension.e2e.test.ts checks content.js and chunks/ for window message
// listeners; this extends the same check to EVERY script the build ships (background, worker,
// offscreen, entry scripts), since a page could post to any window Readmark opens.

const DIR = resolve(process.cwd(), '.output/chrome-mv3');
const built = existsSync(join(DIR, 'manifest.json'));
if (!built) console.warn('[hostile] .output/chrome-mv3 is missing: run `npx wxt build` first.');

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scripts(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

describe.skipIf(!built)('every built bundle', () => {
  test('no window message listener in any script, and no externally_connectable', () => {
    const files = scripts(DIR);
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((file) =>
      /\b(window|globalThis|top|parent)\.(addEventListener\(\s*[`'"]message[`'"]|onmessage\s*=)/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders.map((f) => relative(DIR, f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
    expect(manifest.externally_connectable).toBeUndefined();
    recordFigures('2b built bundles', {
      'scripts scanned for window message listeners': files.length,
      'window message listeners': offenders.length,
      externally_connectable: manifest.externally_connectable ? 'present' : 'absent',
    });
  });
});
