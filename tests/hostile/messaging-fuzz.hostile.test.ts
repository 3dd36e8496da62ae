import { afterAll, describe, expect, test, vi } from 'vitest';
import {
  contentNoteSenders,
  contentSenders,
  createHandler,
  downloadSenders,
  type MessageHandler,
  noteSenders,
  offscreenSenders,
  type SenderInfo,
  senders,
  toBackground,
  toBackgroundDownloads,
  toBackgroundNotes,
  toContent,
  toContentNotes,
  toOffscreen,
} from '@/utils/messaging';
import { ok } from '@/utils/model';
import { recordFigures } from './support/figures';

// Every handler of every direction, built with the real schemas and sender maps and spies as
// handlers, is fed hostile messages: each must be refused before its handler runs.

const SELF = { id: 'readmarkextensionid', origin: 'chrome-extension://readmarkextensionid' };
const FROM: Record<'page' | 'extension', SenderInfo> = {
  page: { id: SELF.id, url: 'http://127.0.0.1/article', tab: { id: 7 } },
  extension: { id: SELF.id, url: `${SELF.origin}/popup.html` },
};
const FOREIGN: SenderInfo[] = [
  { id: 'another-extension-id', url: 'chrome-extension://another-extension-id/page.html' },
  { id: 'another-extension-id', url: `${SELF.origin}/popup.html`, tab: { id: 1 } },
  { url: 'http://127.0.0.1/article', tab: { id: 7 } },
  { id: SELF.id }, // our id, but neither a tab nor one of our pages
  { id: SELF.id, url: `${SELF.origin}.evil.example/popup.html` },
];

const quote = { type: 'TextQuoteSelector', exact: 'the harbour wall', prefix: 'by ', suffix: ' at' };
const position = { type: 'TextPositionSelector', start: 3, end: 19 };
const capture = { url: 'http://127.0.0.1/article', title: 'A page', html: '<p>Text</p>' };
const highlight = {
  id: 'h1',
  articleId: 'a1',
  color: 'yellow',
  note: '',
  quote,
  position,
  createdAt: 1,
  updatedAt: 1,
};

/** A highlight as a page's content script receives it: no note text, only whether there is one. */
const pageHighlight = {
  id: 'h1',
  articleId: 'a1',
  color: 'blue',
  quote,
  page: { quote, position },
  hasNote: true,
};
const token = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** A valid payload of each message type: the fuzz mutates these. */
const VALID: Record<string, Record<string, unknown>> = {
  capture: {},
  highlightSelection: { color: 'green' },
  highlightStatus: {},
  scrollToHighlight: { id: 'h1' },
  reattachToSelection: { id: 'h1' },
  repaint: {},
  readPageImage: { url: 'http://127.0.0.1/pictures/harbour.jpg' },
  ping: {},
  pageHighlights: { canonicalUrl: 'http://127.0.0.1/article' },
  createHighlight: {
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    canonicalUrl: 'http://127.0.0.1/article',
    page: { quote, position },
    color: 'pink',
    note: 'n',
    capture,
  },
  updateHighlight: { id: 'h1', color: 'blue', note: 'n', page: { quote, position } },
  deleteHighlight: { id: 'h1' },
  restoreHighlight: { highlight },
  undoDelete: { id: 'h1' },
  offscreenExtract: { capture },
  offscreenPreview: { capture },
  offscreenComplete: { ticket: '8f14e45f-ceea-467f-a0e6-2a1c3b4d5e6f' },
  noteOpen: { highlightId: 'h1', at: { left: 40, top: -20 } },
  noteLoad: { token },
  noteSave: { token, note: 'n' },
  noteClose: { token },
  downloadImported: { retryFailed: true },
  noteDone: { highlightId: 'h1', highlight: pageHighlight },
  listenStart: { article: { contentHtml: '<p>The harbour bridge reopens.</p>', lang: 'en' } },
  listenArticle: { canonicalUrl: 'http://127.0.0.1/article', capture },
  listenPosition: {
    canonicalUrl: 'http://127.0.0.1/article',
    position: { sentence: 3, text: 'The harbour' },
  },
  syncContinue: {},
};
/** Fields (or `type.field`) where null or absence is valid, so those two mutations are not hostile there. */
const NULLABLE = new Set(['canonicalUrl', 'noteDone.highlight', 'lang', 'listenPosition.position']);
const OPTIONAL = new Set(['color', 'capture', 'page', 'note']);
/** Messages whose payload has no required field (see the known gap about arrays below). */
const NO_REQUIRED_FIELD = new Set([
  'ping',
  'capture',
  'repaint',
  'highlightStatus',
  'highlightSelection',
  'syncContinue',
]);
const HUGE = 'x'.repeat(20_000_001); // above every string limit of the protocol, including page HTML
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

interface Mutation {
  label: string;
  payload: unknown;
}

const clone = <T>(value: T): T => structuredClone(value);
function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = clone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}
function wrongValues(sample: unknown, field: string, type: string): unknown[] {
  const all = [null, 1, 1.5, -1, Number.NaN, 'x', true, {}, [], HUGE];
  const wrong = all.filter((value) => {
    if (value === null) return !NULLABLE.has(field) && !NULLABLE.has(`${type}.${field}`);
    if (typeof sample === 'string') return typeof value !== 'string' || value === HUGE;
    if (typeof sample === 'boolean') return typeof value !== 'boolean';
    if (typeof sample === 'number')
      // Selector offsets are non-negative integers; window positions any integer; timestamps any number.
      return (
        typeof value !== 'number' ||
        Number.isNaN(value) ||
        (field === 'start' || field === 'end' ? value !== 1 : false) ||
        ((field === 'left' || field === 'top') && !Number.isInteger(value))
      );
    return true; // objects: every scalar, array and an empty object (missing required fields)
  });
  // Literals and picklists (type, color) refuse any other string.
  if (typeof sample === 'string' && (field === 'type' || field === 'color')) wrong.push('not-a-member');
  if (typeof sample === 'string' && (field === 'id' || field === 'articleId')) wrong.push('');
  // readPageImage's url is any string: the content script parses it and reads only its page's own pictures.
  if (typeof sample === 'string' && field === 'url' && type !== 'readPageImage') wrong.push('not a url');
  if (typeof sample === 'string' && field === 'token')
    wrong.push('not-a-token', token.toUpperCase(), `${token}0`);
  if (typeof sample === 'string' && field === 'ticket') wrong.push('not-a-ticket', `${sample}0`);
  // An empty object is a valid payload for the messages that take no fields.
  return wrong.filter(
    (value) =>
      !(
        typeof sample === 'object' &&
        sample &&
        Object.keys(sample).length === 0 &&
        value &&
        typeof value === 'object' &&
        !Array.isArray(value)
      ),
  );
}

/** Every hostile variant of one valid payload. */
function mutations(type: string, valid: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [];
  for (const payload of [undefined, null, 0, 'payload', ['x'], true, HUGE])
    out.push({ label: `payload=${JSON.stringify(payload)?.slice(0, 12)}`, payload });
  // An empty array is kept out of this list: see the known gap below.
  out.push({ label: 'payload=[]', payload: [] });
  out.push({ label: 'extra field', payload: { ...valid, extra: 1 } });
  for (const key of PROTO_KEYS) {
    out.push({
      label: `own ${key} key`,
      payload: JSON.parse(
        `{"${key}": {"polluted": true}, ${JSON.stringify(valid).slice(1)}`.replace(', }', '}'),
      ),
    });
  }
  const walk = (value: unknown, path: string[]) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const here = [...path, key];
      if (!OPTIONAL.has(key))
        out.push({ label: `${here.join('.')} missing`, payload: setAt(valid, here, undefined, true) });
      for (const wrong of wrongValues(child, key, type))
        out.push({
          label: `${here.join('.')}=${typeof wrong === 'string' ? `string(${wrong.length})` : JSON.stringify(wrong)}`,
          payload: setAt(valid, here, wrong),
        });
      if (child && typeof child === 'object') {
        out.push({ label: `${here.join('.')} extra field`, payload: setAt(valid, [...here, 'extra'], 'x') });
        walk(child, here);
      }
    }
  };
  walk(valid, []);
  return out;
}

const DIRECTIONS = [
  { name: 'toBackground', schemas: toBackground, allowed: senders },
  { name: 'toContent', schemas: toContent, allowed: contentSenders },
  { name: 'toOffscreen', schemas: toOffscreen, allowed: offscreenSenders },
  { name: 'toBackgroundNotes', schemas: toBackgroundNotes, allowed: noteSenders },
  { name: 'toContentNotes', schemas: toContentNotes, allowed: contentNoteSenders },
  { name: 'toBackgroundDownloads', schemas: toBackgroundDownloads, allowed: downloadSenders },
] as const;

const tally = { fuzzed: 0, rejected: 0, senderChecks: 0, senderRejected: 0, validAccepted: 0 };
afterAll(() =>
  recordFigures('2 messaging fuzz', {
    'hostile messages fuzzed': tally.fuzzed,
    'hostile messages rejected': `${tally.rejected} (${((100 * tally.rejected) / Math.max(1, tally.fuzzed)).toFixed(1)} %)`,
    'wrong-sender calls / rejected': `${tally.senderChecks} / ${tally.senderRejected}`,
    'valid messages accepted (positive control)': tally.validAccepted,
  }),
);

describe.each(DIRECTIONS)('$name', ({ schemas, allowed }) => {
  const spies = Object.fromEntries(Object.keys(schemas).map((type) => [type, vi.fn(async () => ok(true))]));
  const handle: MessageHandler = createHandler(
    { schemas, allowed, handlers: spies } as unknown as Parameters<typeof createHandler>[0],
    SELF,
  );
  const allowedFrom = (type: string) => (allowed as Record<string, readonly ('page' | 'extension')[]>)[type]!;

  test.each(Object.keys(schemas))('%s: the valid message is answered (the fuzz can tell)', async (type) => {
    for (const kind of allowedFrom(type)) {
      const answer = await handle({ type, payload: VALID[type] }, FROM[kind]);
      expect(answer, `${type} from ${kind}`).toEqual({ ok: true, value: true });
      tally.validAccepted++;
    }
  });

  test.each(Object.keys(schemas))(
    '%s: every hostile payload is rejected before the handler',
    async (type) => {
      const sender = FROM[allowedFrom(type)[0]!];
      const spy = spies[type]!;
      spy.mockClear();
      const accepted: string[] = [];
      for (const { label, payload } of mutations(type, VALID[type]!)) {
        tally.fuzzed++;
        const answer = await handle({ type, payload }, sender);
        if (answer.ok) accepted.push(label);
        else tally.rejected++;
      }
      expect(accepted).toEqual([]);
      expect(spy).not.toHaveBeenCalled();
    },
  );

  test.each(Object.keys(schemas))('%s: senders that may not send it are refused', async (type) => {
    const spy = spies[type]!;
    spy.mockClear();
    const wrong = [
      ...FOREIGN,
      ...(['page', 'extension'] as const).filter((k) => !allowedFrom(type).includes(k)).map((k) => FROM[k]),
    ];
    for (const sender of wrong) {
      tally.senderChecks++;
      tally.fuzzed++;
      const answer = await handle({ type, payload: VALID[type] }, sender);
      expect(answer.ok, JSON.stringify(sender)).toBe(false);
      tally.senderRejected++;
      tally.rejected++;
    }
    expect(spy).not.toHaveBeenCalled();
  });

  // valibot's strictObject accepts an ARRAY as an object, so `payload: []` would pass every schema
  // with no required field; createHandler refuses any payload that is not a plain object.
  const fieldless = Object.keys(schemas).filter((type) => NO_REQUIRED_FIELD.has(type));
  (fieldless.length > 0 ? test : test.skip)(
    `an empty array is refused as the payload of ${fieldless.join(', ') || '(none)'}`,
    async () => {
      for (const type of fieldless)
        expect((await handle({ type, payload: [] }, FROM[allowedFrom(type)[0]!])).ok, type).toBe(false);
    },
  );

  test('malformed envelopes and unknown or prototype types are refused, and not claimed', async () => {
    for (const spy of Object.values(spies)) spy.mockClear();
    const envelopes: unknown[] = [
      undefined,
      null,
      'ping',
      42,
      [],
      {},
      { payload: {} },
      { type: 1, payload: {} },
      { type: 'ping', payload: {}, extra: true },
      ...PROTO_KEYS.map((type) => ({ type, payload: {} })),
      { type: 'unknownAction', payload: {} },
      { type: HUGE, payload: {} },
      JSON.parse('{"type":"ping","payload":{},"__proto__":{"isAdmin":true}}'),
    ];
    for (const message of envelopes) {
      tally.fuzzed++;
      for (const sender of Object.values(FROM)) {
        const answer = await handle(message, sender);
        expect(answer.ok, JSON.stringify(message)?.slice(0, 80)).toBe(false);
        for (const spy of Object.values(spies))
          expect(spy, JSON.stringify(message)?.slice(0, 80)).not.toHaveBeenCalled();
      }
      tally.rejected++;
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !Object.hasOwn(schemas, type))
        expect(handle.accepts(message)).toBe(false);
    }
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
  });
});
