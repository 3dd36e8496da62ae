// @vitest-environment node
// Plain Node: Turndown parses with its bundled domino (markdown-in-dom.test.ts covers DOMParser).

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toMarkdown } from '@/utils/export';
import { expected, FIXTURE_NAMES, frontMatterOf, loadFixture } from './load-fixture';

describe('toMarkdown', () => {
  it.each(FIXTURE_NAMES)('writes %s as expected, with a Highlights section', (name) => {
    const { meta, content, highlights } = loadFixture(name);
    expect(toMarkdown(meta, content, highlights)).toBe(expected(`${name}.md.expected`));
  });

  it.each(FIXTURE_NAMES)('writes %s as expected, with inline ==highlights==', (name) => {
    const { meta, content, highlights } = loadFixture(name);
    expect(toMarkdown(meta, content, highlights, { inlineHighlights: true })).toBe(
      expected(`${name}.inline-md.expected`),
    );
  });

  it.each(FIXTURE_NAMES)('front matter of %s parses as YAML with every field intact', (name) => {
    const { meta, content, highlights } = loadFixture(name);
    const yaml = parse(frontMatterOf(toMarkdown(meta, content, highlights)));
    expect(yaml.title).toBe(meta.title);
    expect(yaml.url).toBe(meta.url);
    expect(yaml.canonical).toBe(meta.canonicalUrl);
    expect(yaml.author ?? null).toBe(meta.byline);
    expect(yaml.site ?? null).toBe(meta.siteName);
    expect(yaml.published ?? null).toBe(meta.publishedTime);
    expect(yaml.saved).toBe(new Date(meta.savedAt).toISOString());
    expect(yaml.tags).toEqual(meta.tags);
    expect(yaml.reading_time).toBe(meta.readingTimeMinutes);
  });

  const hostileStrings = [
    'Title: with a colon',
    'He said "no" and \'yes\'',
    'first line\nsecond line\r\nthird',
    '---\ntitle: injected\n---',
    '# not a comment',
    '- not a list',
    '[not, a, list]',
    '{not: a map}',
    '&anchor *alias !tag %directive @at `tick`',
    'yes',
    'null',
    '~',
    '0x1F',
    'back\\slash \\n not a newline',
    'tab\tand control \u0000\u0007\u001b chars',
    'C1 \u0085 NEL \u2028 LS \u2029 PS \u007f DEL \ufeff BOM',
    'lone \ud800 surrogate \udc00',
    '静かな読書 القراءة ספר 👩‍👩‍👧 cafe\u0301',
    '   padded   ',
    '',
  ];

  it.each(hostileStrings)('front matter survives the title %j', (title) => {
    const { meta, content } = loadFixture('kettle');
    const markdown = toMarkdown({ ...meta, title, byline: title, tags: [title] }, content, []);
    const yaml = parse(frontMatterOf(markdown));
    expect(yaml.title).toBe(title);
    expect(yaml.author ?? '').toBe(title);
    expect(yaml.tags).toEqual([title]);
    expect(Object.keys(yaml)).not.toContain('injected');
  });

  it('makes relative links absolute and drops unsafe and in-page ones', () => {
    const { meta, content } = loadFixture('kettle');
    const html =
      '<p><a href="/a b">root</a> <a href="sub/page">rel</a> <a href="JAVASCRIPT:alert(1)">js</a> ' +
      '<a href="data:text/html,x">data</a> <a href="#top">frag</a> <a href="mailto:a@b.example">mail</a> ' +
      '<img src="javascript:alert(1)" alt="bad img"><img src="pic.jpg" alt="ok"></p>';
    const markdown = toMarkdown(meta, { ...content, contentHtml: html }, []);
    expect(markdown).toContain('[root](https://blog.example.com/a%20b)');
    expect(markdown).toContain('[rel](https://blog.example.com/home/kettles/sub/page)');
    expect(markdown).toContain('[mail](mailto:a@b.example)');
    expect(markdown).toContain('![ok](https://blog.example.com/home/kettles/pic.jpg)');
    expect(markdown).toContain(' js data frag ');
    expect(markdown).not.toMatch(/javascript:|data:|\(#top\)/i);
  });

  it('writes a table without a heading row as Markdown, with its caption above', () => {
    const { meta, content } = loadFixture('kettle');
    const html =
      '<table><caption>Boiling times</caption><tr><td>0.5 l</td><td>2 min</td></tr><tr><td>1 l</td><td>4 | 5 min</td></tr></table>';
    const markdown = toMarkdown(meta, { ...content, contentHtml: html }, []);
    expect(markdown).toContain(
      'Boiling times\n\n|  |  |\n| --- | --- |\n| 0.5 l | 2 min |\n| 1 l | 4 \\| 5 min |\n',
    );
    expect(markdown).not.toContain('<table');
  });

  it('keeps absolute links when the article URL is not one a link can resolve against', () => {
    const { meta, content } = loadFixture('kettle');
    const html = '<p><a href="https://example.org/a">abs</a> <a href="rel">rel</a></p>';
    const markdown = toMarkdown({ ...meta, url: 'about:reader?x' }, { ...content, contentHtml: html }, []);
    expect(markdown).toContain('[abs](https://example.org/a) rel');
  });

  it('escapes text that looks like HTML so no renderer turns it into markup', () => {
    const { meta, content } = loadFixture('kettle');
    const html = '<p>Write &lt;img src=x onerror=alert(1)&gt; and &amp;lt; literally.</p>';
    const markdown = toMarkdown(meta, { ...content, contentHtml: html }, []);
    expect(markdown).toContain('Write \\<img src=x onerror=alert(1)> and \\&lt; literally.');
  });

  it('loses no highlight: each is marked inline or listed, with its note', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const markdown = toMarkdown(meta, content, highlights, { inlineHighlights: true });
    const footnotes = markdown.match(/^\[\^h\d+\]:/gm) ?? [];
    const listed = markdown.split('## Highlights not found in the text')[1]?.match(/^> /gm) ?? [];
    expect(footnotes.length + listed.length).toBe(highlights.length);
    for (const h of highlights) expect(markdown).toContain(h.note.split('\n')[0]);
  });

  it('puts the footnote of a highlight inside link text after the link', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const inLink = {
      ...highlights[0]!,
      quote: { ...highlights[0]!.quote, exact: 'bubble notes', prefix: 'See the ', suffix: ', the physics' },
    };
    const markdown = toMarkdown(meta, content, [inLink], { inlineHighlights: true });
    expect(markdown).toContain(
      '[the ==bubble notes==](https://blog.example.com/home/notes/bubbles.html)[^h1]',
    );
  });

  it('uses the colour names it is given', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const markdown = toMarkdown(meta, content, highlights, { colorNames: { yellow: 'Gelb' } });
    expect(markdown).toContain('*Gelb*: The whole point');
    expect(markdown).toContain('*Idea*');
  });
});

describe('highlights without a note', () => {
  it('carry their colour at the end of the quote, never on a line of its own', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const bare = highlights.map((h) => ({ ...h, note: '' }));
    const markdown = toMarkdown(meta, content, bare, { colorNames: { yellow: 'Idea' } });
    const section = markdown.split('## Highlights')[1]!;
    expect(section).toMatch(/^> .+ — \*Idea\*$/m);
    expect(section).not.toMatch(/^\*[^*\n]+\*$/m);
    // With a note, the colour still leads the note.
    const noted = toMarkdown(meta, content, highlights.slice(0, 1), {
      colorNames: { [highlights[0]!.color]: 'Idea' },
    });
    expect(noted).toMatch(/^\*Idea\*: \S/m);
  });
});
