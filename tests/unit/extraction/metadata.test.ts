import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';

const prose = Array.from(
  { length: 4 },
  (_, i) => `<p>Paragraph ${i} of the story, long enough to read as the prose of a real article page.</p>`,
).join('');
const extract = (head: string, body: string, url = 'https://www.fellandfog.example/2025/09/04/ferry/') =>
  extractFromHtml(`<html><head>${head}</head><body>${body}<article>${prose}</article></body></html>`, {
    url,
  });

describe('title', () => {
  it('drops the site name the page declares, before or after the title', () => {
    const site = '<meta property="og:site_name" content="Fell & Fog">';
    expect(extract(`${site}<title>How the ferry was saved - Fell &amp; Fog</title>`, '').title).toBe(
      'How the ferry was saved',
    );
    expect(extract(`${site}<title>Fell and Fog | How the ferry was saved</title>`, '').title).toBe(
      'How the ferry was saved',
    );
  });

  it('recognises the site by its host name or its JSON-LD publisher when og:site_name is missing', () => {
    expect(extract('<title>How the ferry was saved | FellAndFog</title>', '').title).toBe(
      'How the ferry was saved',
    );
    const ld = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      publisher: { '@type': 'Organization', name: 'The Kellan Bay Post' },
    })}</script>`;
    expect(extract(`${ld}<title>Harbour vote delayed — The Kellan Bay Post</title>`, '').title).toBe(
      'Harbour vote delayed',
    );
  });

  it('takes the heading the reader sees when it agrees with the declared title, and drops a section label', () => {
    expect(
      extract(
        '<title>Opinion | Why the ferry matters | Editorial Board</title>',
        '<header><h1>Fell &amp; Fog</h1></header><h1>Why the ferry matters</h1>',
      ).title,
    ).toBe('Why the ferry matters');
    expect(extract('<title>Editorial | Why the ferry matters to the islands</title>', '').title).toBe(
      'Why the ferry matters to the islands',
    );
  });

  it('keeps the dash of a heading the reader sees, and drops a documentation permalink mark', () => {
    expect(
      extract(
        '<title>Zero-waste ferries - a beginner&apos;s guide - Fell &amp; Fog</title><meta property="og:site_name" content="Fell & Fog">',
        "<h1>Zero-waste ferries - a beginner's guide</h1>",
      ).title,
    ).toBe("Zero-waste ferries - a beginner's guide");
    expect(
      extract(
        '<title>Tide tables — Harbour manual</title>',
        '<h1>Tide tables<a class="headerlink" href="#tide-tables">¶</a></h1>',
      ).title,
    ).toBe('Tide tables');
  });

  it('reads a heading without the date a theme prints inside it', () => {
    expect(
      extract(
        '<title>Moving the harbour clock | Notes</title>',
        '<h1><time datetime="2025-12-18">Dec 18 2025</time> Moving the harbour clock</h1>',
      ).title,
    ).toBe('Moving the harbour clock');
  });

  it("reads a forum's logo heading as the site by any label of its host, and its title's first part before ' / '", () => {
    // FluxBB-style: the board's logo in the only <h1>, the title "Topic / Board / Forums".
    expect(
      extract(
        '<title>Winter timetable for the harbour ferry / Ferries / Fell Fog Forums</title>',
        '<div id="brdtitle"><h1>Fell Fog</h1></div>',
        'https://bbs.fellfog.example/viewtopic.php?id=41',
      ).title,
    ).toBe('Winter timetable for the harbour ferry');
  });

  it('keeps a colon or a dash that belongs to the title', () => {
    expect(extract('<title>Top 10: ferries compared</title>', '').title).toBe('Top 10: ferries compared');
    expect(extract('<title>Cross-country ferries</title>', '').title).toBe('Cross-country ferries');
    expect(extract('<title>Category:Harbour ferries</title>', '').title).toBe('Category:Harbour ferries');
  });

  it("drops a forum's or a shop's label before the title and an aggregator's site and points after it", () => {
    expect(extract('', '<h1>Thread: Winter timetable for the harbour ferry</h1>').title).toBe(
      'Winter timetable for the harbour ferry',
    );
    expect(extract('<title>Collection: Rain jackets</title>', '').title).toBe('Rain jackets');
    expect(extract('<title>The last ferry of the winter (fellandfog.example) 87</title>', '').title).toBe(
      'The last ferry of the winter',
    );
  });
});

describe('author', () => {
  it('follows JSON-LD @id references to the person and joins several authors as a reader writes them', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Article', '@id': '#a', author: [{ '@id': '#p1' }, { '@id': '#p2' }] },
        { '@type': 'Person', '@id': '#p1', name: 'Manoj Jain' },
        { '@type': 'Person', '@id': '#p2', name: 'Ada Chhatwal' },
      ],
    })}</script>`;
    expect(extract(ld, '').byline).toBe('Manoj Jain and Ada Chhatwal');
  });

  it('writes the declared author as the byline shows it, and never takes a comment author for it', () => {
    expect(
      extract(
        '<meta name="author" content="Mike Marshall">',
        '<div class="byline">By Mike Marshall, Shipping Expert</div>',
      ).byline,
    ).toBe('Mike Marshall, Shipping Expert');
    expect(
      extract(
        '<meta name="author" content="Maeve Kinsella">',
        '<section><div class="author"><a href="/u/rowan">rowan</a></div><p>Nice post</p></section>',
      ).byline,
    ).toBe('Maeve Kinsella');
  });

  it('reads a byline without its date, "By" or glued time', () => {
    expect(
      extract(
        '',
        '<div class="b-byline"><span>By <a href="/p/d">Daniel Ferreira</a></span><time datetime="2024-04-09">April 9, 2024</time></div>',
      ).byline,
    ).toBe('Daniel Ferreira');
    expect(
      extract('', '<p class="author-name">Written by June Okafor · Feb 19, 2024 · 3 min read</p>').byline,
    ).toBe('June Okafor');
    // "on" and the date after it go together: the name is not glued to the date.
    expect(extract('', '<h1>Ferry</h1><p>By Ada Moor on Dec. 19, 2025</p>').byline).toBe('Ada Moor');
    expect(extract('', '<h1>Ferry</h1><p>by Ziv Ora on 19 Dec 2025 at 11:00 AM</p>').byline).toBe('Ziv Ora');
  });
});

describe('author: what the page shows, when it declares none', () => {
  it('reads the "By" line under the headline, and not a "By" sentence or a teaser further down', () => {
    expect(extract('', '<h1>Ferry timetables</h1><p>By <a href="/p/ada">Ada Moor</a></p>').byline).toBe(
      'Ada Moor',
    );
    expect(
      extract('', '<h1>Ferry timetables</h1><div><p>by: Ziv Ora</p><p>Harbour editor</p></div>').byline,
    ).toBe('Ziv Ora');
    expect(
      extract('', '<h1>Ferry timetables</h1><p>By submitting this form, you agree to our terms.</p>').byline,
    ).toBeNull();
    const filler = '<p>A line of the story.</p>'.repeat(45);
    expect(extract('', `<h1>Ferry timetables</h1>${filler}<p>By Ada Moor</p>`).byline).toBeNull();
  });

  it("takes a link to the author's page when its text is the page's name", () => {
    expect(
      extract('', '<h1>Ferry timetables</h1><span><a href="/blog/authors/ines-varga/">Inès Varga</a></span>')
        .byline,
    ).toBe('Inès Varga');
    expect(extract('', '<a href="/contributor/a._j._moor">A. J. Moor</a>').byline).toBe('A. J. Moor');
    expect(extract('', '<a href="/author/ines-varga/">View all posts</a>').byline).toBeNull();
    expect(extract('', '<a href="/author/%E0%A4%A">Ines Varga</a>').byline).toBeNull();
  });
});

describe('author: what is not a name', () => {
  it('decodes entities a plugin left in JSON-LD names', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({
      '@type': 'BlogPosting',
      author: { '@type': 'Person', name: 'Ines &amp; Tomas Varga' },
    })}</script>`;
    expect(extract(ld, '').byline).toBe('Ines & Tomas Varga');
  });

  it('takes no lone "By", no date and no site path for a name', () => {
    expect(extract('', '<div class="byline">By</div>').byline).toBeNull();
    expect(extract('<meta name="author" content="Mar 3, 2021">', '').byline).toBeNull();
    expect(extract('<meta name="author" content="Harbour Desk / fellandfog.example /">', '').byline).toBe(
      'Harbour Desk',
    );
  });

  it('takes no placeholder, day or role for a name, and unglues what markup kept apart', () => {
    const byMeta = (author: string) => extract(`<meta name="author" content="${author}">`, '').byline;
    expect(byMeta('undefined')).toBeNull();
    expect(byMeta('The Author')).toBeNull();
    expect(byMeta('Sat, 20 Dec, 2025')).toBeNull();
    expect(byMeta('ByRowan Teague')).toBe('Rowan Teague');
    expect(byMeta('Byron Teague')).toBe('Byron Teague');
    expect(byMeta('Rowan TeagueDec. 19, 2025')).toBe('Rowan Teague');
    expect(byMeta('Rowan Teague 31 May, 2023')).toBe('Rowan Teague');
    expect(byMeta('Rowan Teague19')).toBe('Rowan Teague');
    expect(byMeta('&quot;Rowan Teague&quot;')).toBe('Rowan Teague');
    expect(byMeta('Recipe by Rowan Teague')).toBe('Rowan Teague');
  });
});

describe('date and site name', () => {
  it("keeps the page's own day and offset, and reads dates written out or in the URL", () => {
    expect(
      extract('<meta property="article:published_time" content="2025-09-04T22:00:00-04:00">', '')
        .publishedTime,
    ).toBe('2025-09-04T22:00:00-04:00');
    expect(extract('<meta itemprop="datePublished" content="2025-09-04">', '').publishedTime).toBe(
      '2025-09-04',
    );
    expect(extract('', '<span itemprop="datePublished">September 4, 2025</span>').publishedTime).toBe(
      '2025-09-04',
    );
    expect(extract('', '').publishedTime).toBe('2025-09-04');
    expect(extract('', '', 'https://fellandfog.example/ferry').publishedTime).toBeNull();
  });

  it("reads the date a theme prints under the headline, just over it or after the byline's name, and no other date-only line", () => {
    const undated = 'https://fellandfog.example/ferry';
    const under = (line: string) =>
      extract(
        '',
        `<header><h1>Ferry</h1><p class="meta"><span>By Ana</span> <span>${line}</span></p></header>`,
        undated,
      ).publishedTime;
    expect(under('Dec 12, 2025')).toBe('2025-12-12');
    expect(under('Published on July 18, 2025')).toBe('2025-07-18');
    expect(under('Last updated: 9 December 2025')).toBe('2025-12-09');
    expect(under('[Submitted on 18 Dec 2025]')).toBe('2025-12-18');
    expect(under('Sat, 20 Dec 2025, 11:59')).toBe('2025-12-20');
    // Only a line that is a date: not a sentence holding one, nor a day and month in either order.
    expect(under('The ferry sailed on December 12, 2025 for the last time')).toBeNull();
    expect(under('09/10/2025')).toBeNull();
    // A <time> without datetime shows its date as text.
    expect(extract('', '<time>October 8, 2025</time>', undated).publishedTime).toBe('2025-10-08');
    // In a "By" line, after the name.
    expect(under('By Ana Lind - Mar 27, 2024')).toBe('2024-03-27');
    // Just over the headline ("Last updated:" and the date, then the <h1>), when none is under it.
    const over = '<div><div>Last updated:</div><div>Dec 12, 2025</div></div><h1>Ferry</h1>';
    expect(extract('', over, undated).publishedTime).toBe('2025-12-12');
    expect(extract('', `${over}<p>Dec 18, 2025</p>`, undated).publishedTime).toBe('2025-12-18');
    // Far above the headline (a masthead's "today") or far below it (a comment's date), it is not the page's.
    const menu = `<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Section ${i}</a></li>`).join('')}</ul>`;
    expect(
      extract('', `<p>Monday, December 7, 2026</p>${menu}<h1>Ferry</h1>`, undated).publishedTime,
    ).toBeNull();
    const far = Array.from({ length: 50 }, (_, i) => `<p>Line ${i}</p>`).join('');
    expect(extract('', `<h1>Ferry</h1>${far}<p>Dec 12, 2025</p>`, undated).publishedTime).toBeNull();
    // A time stored in UTC names the next day for a post the URL dates the day before.
    const utc = (time: string) =>
      extract(`<meta property="article:published_time" content="${time}">`, '').publishedTime;
    expect(utc('2025-09-05T02:41:41+00:00')).toBe('2025-09-04');
    expect(utc('2025-09-03T23:10:00Z')).toBe('2025-09-04');
    expect(utc('2025-09-07T02:41:41+00:00')).toBe('2025-09-07T02:41:41+00:00');
    expect(utc('2025-09-05T02:41:41-04:00')).toBe('2025-09-05T02:41:41-04:00');
    // Declared metadata comes first.
    expect(
      extract(
        '<meta property="article:published_time" content="2025-09-04">',
        '<h1>Ferry</h1><p>Dec 12, 2025</p>',
      ).publishedTime,
    ).toBe('2025-09-04');
  });

  it('always names the site: its declared name, else a readable host name', () => {
    expect(extract('<meta property="og:site_name" content="Fell & Fog">', '').siteName).toBe('Fell & Fog');
    expect(extract('', '').siteName).toBe('fellandfog.example');
  });

  it('never lets page-declared metadata change the article URL', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Article', url: 'https://evil.example/' })}</script>`;
    expect(extract(`${ld}<meta property="og:url" content="https://evil.example/x">`, '').url).toBe(
      'https://www.fellandfog.example/2025/09/04/ferry/',
    );
  });
});
