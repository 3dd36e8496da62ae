import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(process.cwd(), 'components');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

// Icons must take the text colour of their theme. A character with emoji presentation (⏩, ▶️, 🔊)
// is painted in the emoji font's own colours, black glyphs on the dark theme included; icons are
// drawn as SVG with fill="currentColor" or as text-presentation characters (★, ×) instead.
test('no UI source uses an emoji-presentation character as an icon', () => {
  const found: string[] = [];
  for (const file of sources(ROOT)) {
    const code = readFileSync(file, 'utf8')
      // Comments may name the glyphs they avoid.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const match of code.matchAll(/\p{Emoji_Presentation}|\p{Emoji}\uFE0F/gu))
      found.push(`${file.slice(ROOT.length + 1)}: ${match[0]}`);
  }
  expect(found).toEqual([]);
});

test('every SVG icon in the UI fills or strokes with currentColor', () => {
  const bad: string[] = [];
  for (const file of sources(ROOT)) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\b(fill|stroke)="([^"]+)"/g))
      if (match[2] !== 'currentColor' && match[2] !== 'none') bad.push(`${file}: ${match[0]}`);
  }
  expect(bad).toEqual([]);
});
