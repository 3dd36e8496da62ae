import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../utils/cli/import-command';
import { IMPORT_FIXTURES, importFixture } from '../../support/import-fixtures';
import { runEntry, runInProcess } from '../../support/run-command';

/** Through `npm run import`'s entry: the cases about stdout, stderr and the exit code. */
const runCli = (...args: string[]) => runEntry('utils/cli/import.ts', ...args);
/** In this process: the cases about what the command does. */
const run = (...args: string[]) => runInProcess(runImport, ...args);

describe('npm run import -- --dry-run', { timeout: 90_000 }, () => {
  it('--json prints the counts and items of an Omnivore zip', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'readmark-import-'));
    const file = path.join(dir, 'export.zip');
    writeFileSync(file, importFixture('omnivore'));
    const { code, stdout } = runCli('--dry-run', '--json', file);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      format: 'omnivore',
      articles: 2,
      highlights: 5,
      notes: 2,
      tags: 6,
      skipped: 2,
    });
    expect(json.items[0]).toMatchObject({
      url: 'https://fixtures.readmark.test/lighthouse-ledger',
      title: 'The lighthouse keeper’s ledger',
      highlights: expect.arrayContaining([
        { quote: 'The ledger was meant for ships, yet it remembers people.', note: 'The best line.' },
      ]),
    });
    expect(json.skippedDocuments[0]).toMatchObject({ reason: { code: 'skip-no-url' } });
  }, 30_000);

  it('without --json prints a readable summary', () => {
    const { code, stdout } = run('--dry-run', path.join(IMPORT_FIXTURES, 'readwise-data.csv'));
    expect(code).toBe(0);
    expect(stdout).toContain('Format: readwise');
    expect(stdout).toMatch(/Skipped: 2\n {2}2 × skip-readwise-no-url/);
  }, 30_000);

  it('bad input: a clear message on stderr and a non-zero exit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'readmark-import-'));
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'just some words\n');
    const bad = runCli('--dry-run', '--json', file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/import-csv-unknown/);
    expect(run('--dry-run', path.join(dir, 'missing.json')).stderr).toMatch(
      /cannot read this file \(ENOENT\)/,
    );
    expect(run(path.join(IMPORT_FIXTURES, 'wallabag.json')).code).toBe(2);
  }, 30_000);
});
