// @vitest-environment node
// The merge rules of issue 17 ("What must hold"), on two or three replicas that exchange their
// operations in every order: the result must be the same on each, and nothing the reader wrote lost.
import { describe, expect, test } from 'vitest';
import { applyOp, cloneState, type Op } from '@/utils/sync';
import { deliver, libraryView, MemoryStore } from './support';

/** Two devices that share one saved article (created on A, received by B). */
function sharedArticle() {
  const a = new MemoryStore('devA');
  const b = new MemoryStore('devB');
  deliver(b, [a.saveArticle('art1', 'https://example.org/story')]);
  return { a, b };
}

function exchange(a: MemoryStore, b: MemoryStore, aOps: Op[], bOps: Op[]) {
  deliver(a, bOps);
  deliver(b, aOps);
}

describe('merge', () => {
  test('concurrent highlight creations all survive (3 on A, 2 on B, offline)', () => {
    const { a, b } = sharedArticle();
    const aOps = ['one', 'two', 'three'].map((q, i) => a.addHighlight(`hA${i}`, 'art1', q));
    const bOps = ['four', 'five'].map((q, i) => b.addHighlight(`hB${i}`, 'art1', q));
    exchange(a, b, aOps, bOps);
    expect(a.library().highlights.size).toBe(5);
    expect(libraryView(a.library())).toEqual(libraryView(b.library()));
  });

  test('two identical highlights from two devices are both kept', () => {
    const { a, b } = sharedArticle();
    exchange(
      a,
      b,
      [a.addHighlight('hA', 'art1', 'same words')],
      [b.addHighlight('hB', 'art1', 'same words')],
    );
    expect([...a.library().highlights.keys()].sort()).toEqual(['hA', 'hB']);
  });

  test('the same note edited on two machines keeps one text and shows the other as a conflict copy', () => {
    const { a, b } = sharedArticle();
    const created = a.addHighlight('h1', 'art1', 'quote', 'first note');
    deliver(b, [created]);
    const aEdit = a.edit('highlight', 'h1', { note: 'edited on A' });
    const bEdit = b.edit('highlight', 'h1', { note: 'edited on B' });
    exchange(a, b, [aEdit], [bEdit]);
    const onA = a.library().highlights.get('h1');
    expect(libraryView(a.library())).toEqual(libraryView(b.library()));
    // B's edit is later (its clock received A's creation), so it wins; A's text is the conflict copy.
    expect(onA?.note).toBe('edited on B');
    expect(onA?.noteConflicts.map((c) => [c.text, c.device])).toEqual([['edited on A', 'devA']]);
  });

  test('editing a conflicted note resolves the conflict everywhere', () => {
    const { a, b } = sharedArticle();
    deliver(b, [a.addHighlight('h1', 'art1', 'quote', 'first')]);
    exchange(a, b, [a.edit('highlight', 'h1', { note: 'A' })], [b.edit('highlight', 'h1', { note: 'B' })]);
    const resolve = a.edit('highlight', 'h1', { note: 'A and B' });
    deliver(b, [resolve]);
    for (const device of [a, b]) {
      expect(device.library().highlights.get('h1')).toMatchObject({ note: 'A and B', noteConflicts: [] });
    }
  });

  test('note versions converge whatever the delivery order (A edits twice, B once)', () => {
    const { a, b } = sharedArticle();
    deliver(b, [a.addHighlight('h1', 'art1', 'quote', 'base')]);
    const a1 = a.edit('highlight', 'h1', { note: 'A1' });
    const a2 = a.edit('highlight', 'h1', { note: 'A2' });
    const b1 = b.edit('highlight', 'h1', { note: 'B1' });
    const c = new MemoryStore('devC');
    const d = new MemoryStore('devD');
    const base = cloneState(a.state);
    // C and D start from A's state before its edits, then see the edits in opposite orders.
    c.state = { ...cloneState(base), device: 'devC' };
    d.state = { ...cloneState(base), device: 'devD' };
    for (const op of [a1, a2, b1]) applyOp(c.state, op, c.now());
    for (const op of [b1, a2, a1, a2]) applyOp(d.state, op, d.now());
    exchange(a, b, [a1, a2], [b1]);
    const views = [a, b, c, d].map((s) => libraryView(s.library()));
    for (const view of views) expect(view).toEqual(views[0]);
    const h = a.library().highlights.get('h1');
    expect([h?.note, ...(h?.noteConflicts.map((x) => x.text) ?? [])].sort()).toEqual(['A2', 'B1']);
  });

  describe('a delete concurrent with an edit keeps the edit and says so', () => {
    for (const order of ['delete first', 'edit first'] as const) {
      test(`highlight deleted on A while its note is edited on B (${order})`, () => {
        const { a, b } = sharedArticle();
        deliver(b, [a.addHighlight('h1', 'art1', 'quote', 'note')]);
        const del = a.edit('highlight', 'h1', { del: true });
        const edit = b.edit('highlight', 'h1', { note: 'edited offline on B' });
        if (order === 'delete first') exchange(a, b, [del], [edit]);
        else exchange(b, a, [edit], [del]);
        for (const device of [a, b]) {
          const h = device.library().highlights.get('h1');
          expect(h?.note).toBe('edited offline on B');
          expect(h?.restored).toMatchObject({ deletedBy: 'devA', editedBy: ['devB'] });
        }
        expect(libraryView(a.library())).toEqual(libraryView(b.library()));
      });

      test(`article deleted on A while B adds a highlight to it (${order})`, () => {
        const { a, b } = sharedArticle();
        const del = a.edit('article', 'art1', { del: true });
        const add = b.addHighlight('hB', 'art1', 'new on B');
        if (order === 'delete first') exchange(a, b, [del], [add]);
        else exchange(b, a, [add], [del]);
        for (const device of [a, b]) {
          expect(device.library().articles.get('art1')?.restored).toMatchObject({ deletedBy: 'devA' });
          expect(device.library().highlights.get('hB')?.articleId).toBe('art1');
        }
      });
    }

    test('a delete made after seeing the edit does apply', () => {
      const { a, b } = sharedArticle();
      deliver(b, [a.addHighlight('h1', 'art1', 'quote')]);
      const edit = b.edit('highlight', 'h1', { note: 'edit' });
      deliver(a, [edit]);
      const del = a.edit('highlight', 'h1', { del: true });
      deliver(b, [del]);
      expect(a.library().highlights.has('h1')).toBe(false);
      expect(b.library().highlights.has('h1')).toBe(false);
    });

    test('an article B did not touch, deleted on A, is deleted on both (with its highlights)', () => {
      const { a, b } = sharedArticle();
      const h = a.addHighlight('h1', 'art1', 'quote');
      deliver(b, [h]);
      const del = a.edit('article', 'art1', { del: true });
      deliver(b, [del]);
      for (const device of [a, b]) {
        expect(device.library().articles.size).toBe(0);
        expect(device.library().highlights.size).toBe(0);
      }
    });
  });

  test('the same URL saved on two machines offline becomes one article with all its highlights', () => {
    const a = new MemoryStore('devA');
    const b = new MemoryStore('devB');
    const aOps = [
      a.saveArticle('zzz-on-a', 'https://example.org/same', 'Title A', { 'tag:news': true }),
      a.addHighlight('hA', 'zzz-on-a', 'from A'),
    ];
    const bOps = [
      b.saveArticle('aaa-on-b', 'https://example.org/same', 'Title B', { 'tag:later': true }),
      b.addHighlight('hB', 'aaa-on-b', 'from B'),
    ];
    exchange(a, b, aOps, bOps);
    for (const device of [a, b]) {
      const library = device.library();
      expect([...library.articles.keys()]).toEqual(['aaa-on-b']);
      expect(library.articles.get('aaa-on-b')).toMatchObject({
        aliases: ['zzz-on-a'],
        tags: ['later', 'news'],
      });
      expect([...library.highlights.values()].map((h) => h.articleId)).toEqual(['aaa-on-b', 'aaa-on-b']);
    }
    expect(libraryView(a.library())).toEqual(libraryView(b.library()));
  });

  test('fields merge per field, last writer by clock (title on A, archived on B)', () => {
    const { a, b } = sharedArticle();
    exchange(
      a,
      b,
      [a.edit('article', 'art1', { set: { title: 'New title' } })],
      [b.edit('article', 'art1', { set: { archived: 1 } })],
    );
    for (const device of [a, b]) {
      expect(device.library().articles.get('art1')?.fields).toMatchObject({
        title: 'New title',
        archived: 1,
      });
    }
  });

  test('one machine an hour fast: the same offline scenario gives the same result on both', () => {
    const { a, b } = sharedArticle();
    b.clockOffset = 3_600_000;
    deliver(b, [a.addHighlight('h1', 'art1', 'quote', 'base')]);
    const aOps = [a.addHighlight('hA', 'art1', 'x'), a.edit('highlight', 'h1', { note: 'A note' })];
    const bOps = [b.addHighlight('hB', 'art1', 'y'), b.edit('highlight', 'h1', { note: 'B note' })];
    exchange(a, b, aOps, bOps);
    expect(a.library().highlights.size).toBe(3);
    expect(a.library().highlights.get('h1')?.noteConflicts).toHaveLength(1);
    expect(libraryView(a.library())).toEqual(libraryView(b.library()));
    // And A, once it has seen B's fast stamps, still writes the latest note.
    const later = a.edit('highlight', 'h1', { note: 'A after seeing B' });
    deliver(b, [later]);
    expect(b.library().highlights.get('h1')?.note).toBe('A after seeing B');
  });

  test('applying the same operations twice changes nothing', () => {
    const { a, b } = sharedArticle();
    const ops = [a.addHighlight('h1', 'art1', 'q', 'n'), a.edit('highlight', 'h1', { note: 'n2' })];
    deliver(b, ops);
    const once = JSON.stringify(b.state.entities);
    deliver(b, ops);
    expect(JSON.stringify(b.state.entities)).toBe(once);
  });
});
