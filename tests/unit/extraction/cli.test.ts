// @vitest-environment node
// The command's own environment: plain Node, no DOM globals but the jsdom it makes itself.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExtract } from '../../../utils/cli/extract-command';
import { JSON_FIELDS } from '../../../utils/cli/format-article';
import { runEntry, runInProcess } from '../../support/run-command';

const FIXTURE = path.resolve(process.cwd(), 'tests/fixtures/extraction/wordpress-tagdiv/page.html');
/** Through `npm run extract`'s entry: the cases about stdout, stderr and the exit code. */
const runCli = (...args: string[]) => runEntry('utils/cli/extract.ts', ...args);
/** In this process: the cases about what the command does. */
const run = (...args: string[]) => runInProcess(runExtract, ...args);

describe('npm run extract', { timeout: 90_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'readmark-extract-'));
  const notHtml = path.join(scratch, 'notes.txt');
  writeFileSync(notHtml, 'plain words, no markup at all');
  const empty = path.join(scratch, 'empty.html');
  writeFileSync(empty, '<html><body><nav><a href="/">Home</a></nav></body></html>');

  it('prints the JSON fields for a good file and reports the bad ones on stderr', () => {
    const url = 'https://kellanbay-news.example/harbour-town-votes-to-rebuild-breakwater/';
    const { code, stdout, stderr } = runCli(
      '--url',
      url,
      FIXTURE,
      notHtml,
      path.join(scratch, 'missing.html'),
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([...JSON_FIELDS]);
    expect(JSON_FIELDS).toHaveLength(15);
    expect(JSON_FIELDS).not.toContain('isProbablyArticle');
    expect(json.title).toBe('Harbour town votes to rebuild its wooden breakwater');
    expect(json.contentHtml).toContain(
      'src="https://kellanbay-news.example/wp-content/uploads/2024/03/breakwater-696x464.jpg"',
    );
    expect(stderr).toMatch(/notes\.txt: The input is not HTML/);
    expect(stderr).toMatch(/missing\.html: cannot read this file/);
  });

  it('exits non-zero when every input fails', () => {
    const { code, stderr } = runCli(notHtml, empty);
    expect(code).toBe(1);
    expect(stderr).toMatch(/empty\.html: No article text/);
  });

  it('writes markdown files for a directory into --out', () => {
    const out = path.join(scratch, 'out');
    const { code } = run('--format', 'markdown', '--out', out, path.dirname(FIXTURE));
    expect(code).toBe(0);
    // Named after the input file itself: page.html → page.md.
    expect(readdirSync(out)).toEqual(['page.md']);
    const markdown = readFileSync(path.join(out, 'page.md'), 'utf8');
    // The extension's own Markdown exporter: YAML front matter, then the title and the body.
    expect(markdown).toMatch(/^---\ntitle: "Harbour town votes[^\n]*"\n/);
    expect(markdown).toMatch(/\n# Harbour town votes/);
    expect(markdown).toContain('Turnout was high.');
    expect(markdown).not.toContain('LEAVE A REPLY');
  });

  it('names each output after its input file, keeps sub-folders and never overwrites one with another', () => {
    const pages = path.join(scratch, 'pages');
    for (const site of ['site-a', 'site-b']) {
      mkdirSync(path.join(pages, site), { recursive: true });
      copyFileSync(FIXTURE, path.join(pages, site, 'page.html'));
    }
    const story = path.join(scratch, 'Harbour Story.HTM');
    copyFileSync(FIXTURE, story);
    const out = path.join(scratch, 'named');
    const first = run('--out', out, story, pages);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(['Harbour Story.json', 'site-a', 'site-b']);
    for (const site of ['site-a', 'site-b']) expect(readdirSync(path.join(out, site))).toEqual(['page.json']);
    const json = JSON.parse(readFileSync(path.join(out, 'Harbour Story.json'), 'utf8')) as { title: string };
    expect(json.title).toBe('Harbour town votes to rebuild its wooden breakwater');

    // Two inputs that share a name: the first is written, the second is refused with a message.
    const second = run('--format', 'text', '--out', out, FIXTURE, path.join(pages, 'site-a', 'page.html'));
    expect(second.code).toBe(0);
    expect(readFileSync(path.join(out, 'page.txt'), 'utf8')).toMatch(/^Harbour town votes/);
    expect(second.stderr).toMatch(
      /site-a[/\\]page\.html: .*page\.txt was already written from .*wordpress-tagdiv/,
    );
  });

  it('rejects an unknown format with usage', () => {
    const { code, stderr } = run('--format', 'pdf', FIXTURE);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown format "pdf"[\s\S]*usage:/);
  });
});
