import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compositeOver, contrastRatio, HIGHLIGHT_PAINT } from '@/components/shared/highlight-colors';

// The palettes and the Listen marks are read from the stylesheets the reader ships, so a colour
// changed there is checked here without anyone copying it over.
const css = (path: string) => readFileSync(resolve(process.cwd(), path), 'utf8');
const themeCss = css('components/shared/theme.css');
const readerCss = css('components/reader/reader.css');
const panelsCss = css('components/reader/reader-panels.css');

/** The declarations of the first rule with exactly this selector. */
function rule(sheet: string, selector: string): string {
  const start = sheet.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule ${selector}`);
  return sheet.slice(start, sheet.indexOf('}', start));
}

function variable(block: string, name: string): string {
  const value = block.match(new RegExp(`${name}:\\s*(#[0-9a-f]{6})\\b`, 'i'))?.[1];
  if (!value) throw new Error(`no ${name} in ${block.slice(0, 40)}`);
  return value.toLowerCase();
}

function palette(block: string) {
  return { bg: variable(block, '--bg'), fg: variable(block, '--fg'), accent: variable(block, '--accent') };
}

// "light" is theme.css's own palette (the reader resolves "system" to light or dark itself).
const THEMES = {
  light: palette(rule(themeCss, ':root')),
  sepia: palette(rule(readerCss, ':root[data-theme="sepia"]')),
  dark: palette(rule(readerCss, ':root[data-theme="dark"]')),
};

/** A Listen mark: how much accent it lays over the text, and whether it sets a text colour. */
function mark(name: string) {
  const body = rule(panelsCss, `::highlight(${name})`);
  const alpha = Number(body.match(/color-mix\(in srgb, var\(--accent\) (\d+)%, transparent\)/)?.[1]) / 100;
  return { alpha, setsColor: /(^|[\s;{])color:/.test(body) };
}
const SENTENCE = mark('readmark-listen-sentence');
const WORD = mark('readmark-listen-word');

/** Every background text can sit on in a theme, with the ink it is drawn in. */
function layers(theme: (typeof THEMES)[keyof typeof THEMES]) {
  const grounds = [
    { name: 'article', background: theme.bg, text: theme.fg },
    ...Object.entries(HIGHLIGHT_PAINT).map(([color, paint]) => ({ name: color, ...paint })),
  ];
  return grounds.flatMap(({ name, background, text }) => {
    const sentence = compositeOver(theme.accent, SENTENCE.alpha, background);
    const word = compositeOver(theme.accent, WORD.alpha, sentence);
    return [
      { layer: name, background, text },
      { layer: `${name} + spoken sentence`, background: sentence, text },
      { layer: `${name} + spoken word`, background: word, text },
    ];
  });
}

describe('text contrast in the reader', () => {
  test('the stylesheets were read (three themes, two marks)', () => {
    expect(THEMES.dark.bg).toBe('#1b1b1f');
    expect(SENTENCE.alpha).toBeGreaterThan(0);
    expect(WORD.alpha).toBeGreaterThan(0);
  });

  test('the Listen marks set no text colour, so text keeps its highlight’s (or the theme’s) ink', () => {
    expect(SENTENCE.setsColor).toBe(false);
    expect(WORD.setsColor).toBe(false);
  });

  test.each(Object.keys(THEMES) as (keyof typeof THEMES)[])(
    'theme %s: every highlight colour, alone and under the spoken sentence and word, keeps text ≥ 4.5:1',
    (name) => {
      const failing = layers(THEMES[name])
        .map((l) => ({ ...l, ratio: Number(contrastRatio(l.text, l.background).toFixed(2)) }))
        .filter((l) => l.ratio < 4.5);
      expect(failing).toEqual([]);
    },
  );

  test('compositeOver mixes like color-mix over an opaque background', () => {
    expect(compositeOver('#000000', 0.5, '#ffffff')).toBe('#808080');
    expect(compositeOver('#8ab4ff', 0, '#1b1b1f')).toBe('#1b1b1f');
    expect(compositeOver('#8ab4ff', 1, '#1b1b1f')).toBe('#8ab4ff');
  });

  test('the check catches a failing pair: light ink on a light highlight', () => {
    expect(contrastRatio(THEMES.dark.fg, HIGHLIGHT_PAINT.yellow.background)).toBeLessThan(4.5);
  });
});
