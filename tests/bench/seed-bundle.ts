import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * tests/bench/library-seed.ts bundled as one script, to evaluate in a page of the extension's
 * origin; it defines `readmarkSeed(count)`, which seeds the library through the real storage code.
 */
export const seedScript = (): Promise<string> => pageScript('tests/bench/library-seed.ts');

/** A module (path from the repo's root) bundled as one script to evaluate in an extension page. */
export async function pageScript(entry: string): Promise<string> {
  const bundle = await build({
    entryPoints: [resolve(process.cwd(), entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    tsconfig: resolve(process.cwd(), 'tsconfig.json'),
    logLevel: 'error',
  });
  return bundle.outputFiles[0]!.text;
}
