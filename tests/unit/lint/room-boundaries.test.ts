import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The room map is enforced by Biome's noRestrictedImports (biome.json). Each case writes a file
// that breaks one rule into the room it names and checks that the lint fails on it. The cases live
// in a scratch folder beside a copy of biome.json, not in the source tree: `npm test` builds,
// zips the sources and runs `biome check` while the unit tests run. Biome runs once over all the
// cases (one process instead of 33) and each test reads its own file's diagnostics.
const root = process.cwd();
const BIOME = resolve(root, 'node_modules/.bin/biome');
const scratch = mkdtempSync(join(tmpdir(), 'readmark-lint-'));
copyFileSync(resolve(root, 'biome.json'), join(scratch, 'biome.json'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Diagnostic {
  severity: string;
  category: string;
  message: string;
  location: { path: string };
}

let cases = 0;
/** Writes a case into its room; the path (relative to the scratch folder) names it in the report. */
function writeCase(room: string, source: string): string {
  const file = join(room, `violation-${++cases}.ts`);
  mkdirSync(dirname(join(scratch, file)), { recursive: true });
  writeFileSync(join(scratch, file), source);
  return file;
}

let report: Diagnostic[] = [];
beforeAll(() => {
  // The scratch folder is no git checkout: biome.json's VCS settings do not apply there.
  const run = spawnSync(
    BIOME,
    ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'],
    { cwd: scratch, encoding: 'utf8' },
  );
  // No report (a Biome that changed its JSON) fails every case rather than passing one.
  report = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  expect(Array.isArray(report)).toBe(true);
});

/** Test rows with each case's source written to a file and replaced by its path. */
function withFiles<Rest extends unknown[]>(rows: [string, string, ...Rest][]): [string, string, ...Rest][] {
  return rows.map(([room, source, ...rest]) => [room, writeCase(room, source), ...rest]);
}

/** What the lint said about one case: its errors (the lint fails on a file with any) and the text. */
function lint(file: string) {
  const own = report.filter((d) => d.location.path === file);
  return {
    errors: own.filter((d) => d.severity === 'error').length,
    output: own.map((d) => `${d.category}: ${d.message}`).join('\n'),
  };
}

describe('room boundaries', () => {
  test.each(
    withFiles([
      ['utils/extraction', "import Dexie from 'dexie';\nexport const x = Dexie;\n", /pure over a Document/],
      [
        'utils/annotation',
        "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n",
        /pure over a Document/,
      ],
      [
        'utils/model',
        "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n",
        /imports nothing/,
      ],
      ['utils/storage', "import { h } from 'preact';\nexport const x = h;\n", /model and Dexie only/],
      [
        'utils/messaging',
        "import Dexie from 'dexie';\nexport const x = Dexie;\n",
        /model and the browser runtime/,
      ],
      ['utils/export', "import Dexie from 'dexie';\nexport const x = Dexie;\n", /strings and bytes/],
      [
        'utils/import',
        "import { parseHTML } from 'linkedom';\nexport const x = parseHTML;\n",
        /injected parser/,
      ],
      [
        'utils/import',
        "import { anchor } from '@/utils/annotation';\nexport const x = anchor;\n",
        /Import reads files into the model/,
      ],
      ['utils/sync', "import Dexie from 'dexie';\nexport const x = Dexie;\n", /WebCrypto and fetch/],
      [
        'utils/sync',
        "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n",
        /SyncStore interface/,
      ],
      [
        'components/toolbar',
        "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n",
        /page's origin/,
      ],
      [
        'components/popup',
        "import { openDb } from '@/utils/storage/db';\nexport const x = openDb;\n",
        /through its index/,
      ],
      [
        'components/popup',
        "import x from '@/entrypoints/background';\nexport const y = x;\n",
        /Entrypoints only wire/,
      ],
      [
        'utils/extraction',
        "import { loadTruth } from '@/utils/training';\nexport const x = loadTruth;\n",
        /Node-only offline training/,
      ],
      [
        'utils/training',
        "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n",
        /model and extraction rooms only/,
      ],
      ['utils/services', "import { h } from 'preact';\nexport const x = h;\n", /they render nothing/],
      [
        'utils/services',
        "import { PopupApp } from '@/components/popup';\nexport const x = PopupApp;\n",
        /they render nothing/,
      ],
      // Nothing below services imports it: one case per room, by alias or by relative path.
      ...(
        [
          ['utils/extraction', /pure over a Document/],
          ['utils/annotation', /pure over a Document/],
          ['utils/export', /strings and bytes/],
          ['utils/storage', /model and Dexie only/],
          ['utils/messaging', /model and the browser runtime/],
          ['utils/search', /model and MiniSearch only/],
          ['utils/training', /model and extraction rooms only/],
          ['utils/import', /Import reads files into the model/],
          ['utils/model', /imports nothing/],
          ['components/toolbar', /page's origin/],
        ] as const
      ).map(([room, message]): [string, string, RegExp] => [
        room,
        "import { extractPage } from '@/utils/services';\nexport const x = extractPage;\n",
        message,
      ]),
      [
        'utils/storage',
        "import { extractPage } from '../services/extract-page';\nexport const x = extractPage;\n",
        /model and Dexie only/,
      ],
    ]),
  )('%s: a forbidden import fails the lint', (_room, file, message) => {
    const { errors, output } = lint(file);
    expect(errors).toBeGreaterThan(0);
    expect(output).toMatch(message);
  });

  test.each(
    withFiles([
      ['utils/services', "import { openDb } from '@/utils/storage';\nexport const x = openDb;\n"],
      ['utils/services', "import { browser } from 'wxt/browser';\nexport const x = browser;\n"],
      [
        'components/popup',
        "import { loadPagePreview } from '@/utils/services';\nexport const x = loadPagePreview;\n",
      ],
      ['entrypoints', "import { extractPage } from '@/utils/services';\nexport const x = extractPage;\n"],
    ]),
  )('%s: importing what it may passes', (_room, file) => {
    const { errors, output } = lint(file);
    expect(output).not.toMatch(/noRestrictedImports/);
    expect(errors).toBe(0);
  });

  const allowed = writeCase(
    'utils/extraction',
    "import { ok } from '@/utils/model';\nexport const x = ok;\n",
  );
  test('an allowed import passes', () => {
    const { errors, output } = lint(allowed);
    expect(output).not.toMatch(/noRestrictedImports/);
    expect(errors).toBe(0);
  });
});
