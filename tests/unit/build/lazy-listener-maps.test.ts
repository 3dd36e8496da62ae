// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { build, type Plugin, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyListenerMaps } from '../../../wxt.config';

const EVENT_TARGET = resolve('node_modules/linkedom/esm/interface/event-target.js');
const FIXTURES = resolve('tests/fixtures/extraction');

type Linkedom = typeof import('linkedom');

/** Builds linkedom the way the extension's bundles get it: through the plugin, with Vite. */
async function buildLinkedom(): Promise<{ code: string; linkedom: Linkedom; dir: string }> {
  const entry: Plugin = {
    name: 'entry',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('linkedom-entry') ? '\0linkedom-entry' : null),
    load: (id) => (id === '\0linkedom-entry' ? "export { parseHTML } from 'linkedom';" : null),
  };
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [entry, lazyListenerMaps() as Plugin],
    build: {
      write: false,
      minify: false,
      lib: { entry: 'linkedom-entry', formats: ['es'], fileName: 'linkedom' },
    },
  })) as Rolldown.RolldownOutput[];
  const chunk = output[0]?.output.find((file) => file.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('no chunk built');
  const dir = mkdtempSync(join(tmpdir(), 'readmark-linkedom-'));
  const file = join(dir, 'linkedom.mjs');
  writeFileSync(file, chunk.code);
  return { code: chunk.code, linkedom: (await import(pathToFileURL(file).href)) as Linkedom, dir };
}

/** A fresh plugin whose hooks are called as the bundler would, its `this.error` throwing. */
function pluginHooks() {
  const plugin = lazyListenerMaps() as unknown as Record<
    'buildStart' | 'transform' | 'buildEnd',
    (this: unknown, ...args: unknown[]) => unknown
  >;
  const context = {
    error: (message: string) => {
      throw new Error(message);
    },
  };
  plugin.buildStart.call(context);
  return {
    transform: (code: string, id: string): unknown => plugin.transform.call(context, code, id),
    buildEnd: (): unknown => plugin.buildEnd.call(context),
  };
}

describe('linkedom built with its listener maps made on first use (wxt.config.ts)', () => {
  let built: { code: string; linkedom: Linkedom; dir: string };
  beforeAll(async () => {
    built = await buildLinkedom();
  });
  afterAll(() => {
    if (built) rmSync(built.dir, { recursive: true, force: true });
  });

  it('rewrites the EventTarget of the bundled linkedom: no map made in its constructor', () => {
    expect(readFileSync(EVENT_TARGET, 'utf8')).toContain('wm.set(this, new Map)');
    // Unchanged, the bundle would hold `wm.set(this, /* @__PURE__ */ new Map())` in the constructor.
    expect(built.code).not.toMatch(/wm\d*\.set\(this, (\/\* @__PURE__ \*\/ )?new Map\(?\)?\)/);
    expect(built.code).toMatch(
      /if \(!map\d*\) wm\d*\.set\(this, map\d* = (\/\* @__PURE__ \*\/ )?new Map\(\)\)/,
    );
  });

  it('still calls, bubbles, runs once and removes listeners on elements and the document', () => {
    const { document } = built.linkedom.parseHTML('<html><body><p id="p"><b id="b">x</b></p></body></html>');
    const p = document.getElementById('p')!;
    const b = document.getElementById('b')!;
    const seen: string[] = [];
    const onP = (event: Event) => seen.push(`p:${event.type}:${(event.target as Element).id}`);
    p.addEventListener('ping', onP);
    p.addEventListener('ping', () => seen.push('p:once'), { once: true });
    b.addEventListener('ping', { handleEvent: () => seen.push('b:object') });
    const { Event } = built.linkedom.parseHTML('');
    expect(b.dispatchEvent(new Event('ping', { bubbles: true }))).toBe(true);
    expect(seen).toEqual(['b:object', 'p:ping:b', 'p:once']);
    p.removeEventListener('ping', onP);
    seen.length = 0;
    b.dispatchEvent(new Event('ping', { bubbles: true }));
    expect(seen).toEqual(['b:object']);
    // A node that never had a listener: removing and dispatching are harmless no-ops.
    const fresh = document.createElement('div');
    fresh.removeEventListener('ping', onP);
    expect(fresh.dispatchEvent(new Event('ping'))).toBe(true);
    // The on… properties go through addEventListener; so does the document's own target.
    let clicks = 0;
    (fresh as HTMLElement).onclick = () => clicks++;
    (fresh as HTMLElement).click();
    document.addEventListener('ping', () => clicks++);
    document.dispatchEvent(new Event('ping'));
    expect(clicks).toBe(2);
  });

  it('parses every extraction fixture to the same document as linkedom unchanged', () => {
    const pages = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(join(FIXTURES, page.name, 'page.html'), 'utf8');
      expect(built.linkedom.parseHTML(html).document.toString(), page.name).toBe(
        parseHTML(html).document.toString(),
      );
    }
  });

  it('fails the build when linkedom’s source no longer reads as expected', () => {
    const source = readFileSync(EVENT_TARGET, 'utf8');
    expect(pluginHooks().transform(source, EVENT_TARGET)).toMatchObject({ code: expect.any(String) });
    const changed = source.replace('wm.set(this, new Map);', 'wm.set(this, new Map());');
    expect(() => pluginHooks().transform(changed, EVENT_TARGET)).toThrow(/update lazyListenerMaps/);
  });

  it('fails the build when linkedom is bundled without its event-target module being rewritten', () => {
    const hooks = pluginHooks();
    hooks.transform('export {}', resolve('node_modules/linkedom/cjs/interface/event-target.js'));
    expect(() => hooks.buildEnd()).toThrow(/was not rewritten/);
    // Nothing of linkedom in the bundle (the popup's own chunks): nothing to rewrite, no error.
    expect(pluginHooks().buildEnd()).toBeUndefined();
  });
});
