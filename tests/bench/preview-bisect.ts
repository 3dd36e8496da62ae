/**
 * `npm run bench:preview-bisect`: where Chrome's time between a toolbar click and the popup page's
 * load start goes. bench:preview found ours starting to load ≈100 ms later than a static one-line
 * popup's; this loads throwaway variants of the built extension (and of the static one), each
 * differing in one thing, in the same browser, clicks each on the same pages (in an order rotated
 * page by page) and prints click → load start (the popup's performance.timeOrigin) per variant.
 *
 * `BENCH_PAGES=n` (default 22) pages; `BISECT_GAP_MS=n` waits n ms after a popup closes before the
 * next click (default 0, as bench:preview); `BISECT_ONLY='a;b'` runs only the named variants, in
 * that order; `BISECT_ROTATE=0` clicks them in that order on every page (bench:preview's way: the
 * static popup first, on a page that has just loaded).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchChromium } from '../e2e/browser';
import { startFixtureServer } from '../e2e/fixture-server';
import { attachRealPopup } from '../e2e/real-popup';
import {
  fmt,
  pagesToServe,
  profileWithPinned,
  quantile,
  STATIC_POPUP_HTML,
  STATIC_POPUP_JS,
  staticPopupExtension,
  unpackedExtensionId,
} from './popup-extensions';

const PAGES = Number(process.env.BENCH_PAGES) || 22;
const ROTATE = process.env.BISECT_ROTATE !== '0';
const GAP_MS = Number(process.env.BISECT_GAP_MS) || 0;
const ONLY = process.env.BISECT_ONLY?.split(';');

type Manifest = Record<string, unknown>;

/** A copy of `from` with `change` applied to its manifest and files. */
function variant(from: string, change: (dir: string, manifest: Manifest) => Manifest | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-bisect-'));
  cpSync(from, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  writeFileSync(file, JSON.stringify(change(dir, manifest) ?? manifest));
  return dir;
}

const staticPage = (dir: string) => {
  writeFileSync(join(dir, 'popup.html'), STATIC_POPUP_HTML);
  writeFileSync(join(dir, 'popup.js'), STATIC_POPUP_JS);
};
const without = (manifest: Manifest, ...keys: string[]) =>
  Object.fromEntries(Object.entries(manifest).filter(([key]) => !keys.includes(key)));

function variants(): { label: string; dir: string }[] {
  const floor = staticPopupExtension();
  const ours = EXTENSION_DIR;
  const all: { label: string; dir: string }[] = [
    { label: 'static', dir: floor },
    { label: 'ours', dir: variant(ours, () => undefined) },
    { label: 'ours, static popup.html', dir: variant(ours, (dir) => void staticPage(dir)) },
    { label: 'ours, no background', dir: variant(ours, (_, m) => without(m, 'background')) },
    {
      label: 'ours, no bg, static popup',
      dir: variant(ours, (dir, m) => {
        staticPage(dir);
        return without(m, 'background');
      }),
    },
    {
      label: 'ours, no commands',
      dir: variant(ours, (_, m) => without(m, 'commands')),
    },
    {
      label: 'ours, activeTab only',
      dir: variant(ours, (_, m) => ({
        ...without(m, 'optional_host_permissions'),
        permissions: ['activeTab'],
      })),
    },
    {
      label: 'static + activeTab',
      dir: variant(floor, (_, m) => ({ ...m, permissions: ['activeTab'] })),
    },
    {
      label: 'static + commands',
      dir: variant(floor, (_, m) => ({
        ...m,
        commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+Y' }, description: 'open' } },
      })),
    },
    {
      label: 'static + idle worker',
      dir: variant(floor, (dir, m) => {
        writeFileSync(join(dir, 'sw.js'), "self.addEventListener('message', () => undefined);");
        return { ...m, background: { service_worker: 'sw.js' } };
      }),
    },
    {
      label: 'static + worker + offscreen',
      dir: variant(floor, (dir, m) => {
        writeFileSync(join(dir, 'off.html'), '<!doctype html><meta charset="utf-8"><p>offscreen</p>');
        writeFileSync(
          join(dir, 'sw.js'),
          "chrome.offscreen.createDocument({ url: 'off.html', reasons: ['WORKERS'], justification: 'bench' });",
        );
        return { ...m, permissions: ['offscreen'], background: { service_worker: 'sw.js' } };
      }),
    },
    { label: 'static, pinned', dir: variant(floor, () => undefined) },
    { label: 'ours, pinned', dir: variant(ours, () => undefined) },
  ];
  return ONLY ? ONLY.map((label) => all.find((v) => v.label === label)!) : all;
}

async function main() {
  const server = await startFixtureServer();
  const pages = pagesToServe(PAGES).map(({ path, html }) => {
    server.route(path, html);
    return path;
  });
  const list = variants();
  const dirs = list.map((v) => v.dir).join(',');
  const context = await launchChromium(
    [`--disable-extensions-except=${dirs}`, `--load-extension=${dirs}`],
    profileWithPinned(list.filter((v) => v.label.includes('pinned')).map((v) => unpackedExtensionId(v.dir))),
  );
  const cdp = await context.browser()!.newBrowserCDPSession();
  // When Chrome creates each popup's page (its WebContents), before that page starts loading.
  // (Created with no address yet: the first page target created after the click is the popup.)
  let created = Number.NaN;
  cdp.on('Target.targetCreated', ({ targetInfo }) => {
    if (process.env.DBG) console.log('created', targetInfo.type, targetInfo.url);
    if ((targetInfo.type === 'page' || targetInfo.type === 'other') && Number.isNaN(created))
      created = Date.now();
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  // Let every background start (ours opens its offscreen document) before the first click.
  await new Promise((r) => setTimeout(r, 3000));

  const loadStart = list.map(() => [] as number[]);
  const firstOnPage = list.map(() => [] as number[]);
  const toPaint = list.map(() => [] as number[]);
  const steps = list.map(() => [] as number[][]);
  const byPosition = list.map(() => list.map(() => [] as number[]));
  for (const [n, path] of pages.entries()) {
    const page = await context.newPage();
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    const order = list.map((_, i) => (ROTATE ? (i + n) % list.length : i));
    for (const [position, v] of order.entries()) {
      if (GAP_MS) await new Promise((r) => setTimeout(r, GAP_MS));
      const extensionId = unpackedExtensionId(list[v]!.dir);
      created = Number.NaN;
      const clicked = Date.now();
      // triggerAction's steps, timed: the tab to the front, its target looked up, the click.
      await page.bringToFront();
      const fronted = Date.now();
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never);
      const tab = targetInfos.find((info) => info.url === page.url())!;
      const looked = Date.now();
      await cdp.send(
        'Extensions.triggerAction' as 'Target.getTargets',
        { id: extensionId, targetId: tab.targetId } as never,
      );
      const answered = Date.now();
      const popup = await attachRealPopup({ context, extensionId }, 20_000);
      // The first paint of anything (our popup may not reach its preview without its background).
      await popup.waitFor(`performance.getEntriesByType('paint').length > 0`, 5000).catch(() => undefined);
      const { origin, paint } = await popup.evaluate<{ origin: number; paint: number }>(
        `({ origin: performance.timeOrigin, paint: performance.getEntriesByType('paint')[0]?.startTime ?? NaN })`,
      );
      await popup.close();
      loadStart[v]!.push(origin - clicked);
      const made = created;
      steps[v]!.push([fronted - clicked, looked - fronted, answered - looked, made - clicked, origin - made]);
      if (position === 0) firstOnPage[v]!.push(origin - clicked);
      byPosition[v]![position]!.push(origin - clicked);
      toPaint[v]!.push(paint);
    }
    await page.close();
  }
  console.log(
    `\n${pages.length} pages, ${list.length} variants, ${ROTATE ? 'order rotated per page' : 'same order on every page'}, gap ${GAP_MS} ms, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores shared)`,
  );
  console.log(
    `${'variant'.padEnd(30)} click → load start p50   p95   (first on page p50)   load start → first paint p50`,
  );
  for (const [i, v] of list.entries())
    console.log(
      `${v.label.padEnd(30)} ${fmt(quantile(loadStart[i]!, 0.5))} ms ${fmt(quantile(loadStart[i]!, 0.95))} ms   (${fmt(quantile(firstOnPage[i]!, 0.5))} ms, n=${firstOnPage[i]!.length})          ${fmt(quantile(toPaint[i]!, 0.5))} ms`,
    );
  console.log(
    '\nclick → load start in steps, p50: bringToFront | Target.getTargets | triggerAction answered || click → popup target created | → load start',
  );
  for (const [i, v] of list.entries())
    console.log(
      `${v.label.padEnd(30)} ${[0, 1, 2, 3, 4]
        .map((k) =>
          fmt(
            quantile(
              steps[i]!.map((s) => s[k]!),
              0.5,
            ),
          ),
        )
        .join(' |')}`,
    );
  console.log(
    "\nclick → load start p50 by place in the page's order of clicks (1 = first on a page just loaded)",
  );
  for (const [i, v] of list.entries())
    console.log(
      `${v.label.padEnd(30)} ${byPosition[i]!.map((values) => fmt(quantile(values, 0.5))).join(' |')}`,
    );
  await context.close();
  await server.close();
  for (const v of list) rmSync(v.dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
