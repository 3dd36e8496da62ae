import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';

// The room map is enforced by Biome's noRestrictedImports (biome.json). Each case writes a file
// that breaks one rule into the room it names and checks that the lint fails on it.
const root = process.cwd();
const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function lint(room: string, source: string) {
  const roomDir = resolve(root, room);
  // A room that has no files yet has no folder in a fresh clone.
  if (!existsSync(roomDir)) {
    mkdirSync(roomDir, { recursive: true });
    created.push(roomDir);
  }
  const dir = mkdtempSync(join(roomDir, 'zz-lint-case-'));
  created.push(dir);
  const file = join(dir, 'violation.ts');
  writeFileSync(file, source);
  const run = spawnSync('npx', ['biome', 'lint', '--max-diagnostics=5', file], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('room boundaries', () => {
  test.each([
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
  ])('%s: a forbidden import fails the lint', (room, source, message) => {
    const { status, output } = lint(room, source);
    expect(status).not.toBe(0);
    expect(output).toMatch(message);
  });

  test('an allowed import passes', () => {
    const { status, output } = lint(
      'utils/extraction',
      "import { ok } from '@/utils/model';\nexport const x = ok;\n",
    );
    expect(output).not.toMatch(/noRestrictedImports/);
    expect(status).toBe(0);
  });
});
