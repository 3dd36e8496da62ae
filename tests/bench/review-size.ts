/**
 * What the review scheduler adds to the extension: utils/review/schedule.ts with ts-fsrs, bundled
 * and minified as Vite builds it (esbuild), gzipped. Target ≤ 10 kB gzip. Prints the figure.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const result = await build({
  stdin: {
    contents: "export { answer, newCard } from './utils/review/schedule.ts';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  alias: { '@': process.cwd() },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  treeShaking: true,
});
const code = result.outputFiles[0]!.contents;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(
  `review scheduler (schedule.ts + ts-fsrs): ${(code.length / 1024).toFixed(1)} kB minified, ${(gzip / 1024).toFixed(1)} kB gzip (target ≤ 10 kB)`,
);
