import { resolve } from 'node:path';
import { build } from 'esbuild';
import { launchWithExtension } from '../e2e/browser';

const browser = await launchWithExtension();
const bundle = await build({
  entryPoints: [resolve('tests/bench/library-seed.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  tsconfig: resolve('tsconfig.json'),
  logLevel: 'error',
});
const seedPage = await browser.open(browser.extensionUrl('/manifest.json'));
await seedPage.evaluate(bundle.outputFiles[0]!.text);
await seedPage.evaluate('readmarkSeed(10000)');
for (let run = 0; run < 2; run++) {
  const page = await browser.open(browser.extensionUrl('/library.html'));
  page.on('console', (m) => console.log('console', m.text()));
  const t0 = Date.now();
  for (let i = 0; i < 400; i++) {
    const note = await page
      .locator('#search-note')
      .textContent()
      .catch(() => '?');
    if (i % 8 === 0 || note === '') console.log(run, Date.now() - t0, note);
    if (note === '') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 4000));
  const saved = await seedPage.evaluate(
    () =>
      new Promise((done) => {
        const o = indexedDB.open('readmark');
        o.onsuccess = () => {
          const g = o.result.transaction('settings').objectStore('settings').get('library.searchIndex');
          g.onsuccess = () => done(String(g.result?.value?.length));
        };
      }),
  );
  console.log('saved length', saved);
  await page.close();
}
await browser.close();
