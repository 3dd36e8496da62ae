// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import { PageAnnotations } from '@/components/toolbar/page-annotations';
import type { PageHighlight } from '@/utils/messaging';
import { err, ok } from '@/utils/model';

// The background as the page sees it: each createHighlight request is recorded, and the answers
// are set per test (a lost answer is what a worker stopped mid-request gives).
const background = vi.hoisted(() => ({
  requests: [] as { type: string; payload: { id: string } }[],
  answers: [] as unknown[],
}));
vi.mock('@/utils/messaging', async (original) => ({
  ...(await original<typeof import('@/utils/messaging')>()),
  sendToBackground: vi.fn(async (type: string, payload: { id: string }) => {
    background.requests.push({ type, payload });
    return background.answers.shift();
  }),
}));

afterEach(() => {
  background.requests.length = 0;
  background.answers.length = 0;
});

const stored = (id: string): PageHighlight => ({
  id,
  articleId: 'a1',
  color: 'green',
  quote: { type: 'TextQuoteSelector', exact: 'salt had reached', prefix: '', suffix: '' },
  hasNote: false,
});

function pageWithSelection() {
  document.body.innerHTML = '<p>Engineers said salt had reached the pins.</p>';
  const text = document.querySelector('p')!.firstChild!;
  const range = document.createRange();
  range.setStart(text, 'Engineers said '.length);
  range.setEnd(text, 'Engineers said salt had reached'.length);
  const annotations = new PageAnnotations(document);
  annotations.articleId = 'a1'; // a saved page: no capture needed
  return { annotations, range };
}

test('a request whose answer was lost (the worker stopped) is sent once more with the same highlight id', async () => {
  const { annotations, range } = pageWithSelection();
  background.answers.push(err('background-no-answer', { detail: 'message port closed' }));
  background.answers.push(ok(stored('later')));
  const created = await annotations.create(range, 'green', '');
  expect(background.requests.map((r) => r.type)).toEqual(['createHighlight', 'createHighlight']);
  const [first, second] = background.requests;
  expect(second!.payload).toEqual(first!.payload);
  expect(first!.payload.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(created).toMatchObject({ ok: true });
  annotations.destroy();
});

test('a refusal is not sent again, and every new highlight gets a new id', async () => {
  const { annotations, range } = pageWithSelection();
  background.answers.push(err('passage-not-in-article'));
  expect(await annotations.create(range, 'green', '')).toEqual(err('passage-not-in-article'));
  expect(background.requests).toHaveLength(1);
  background.answers.push(ok(stored('b')));
  await annotations.create(range, 'blue', '');
  expect(background.requests[1]!.payload.id).not.toBe(background.requests[0]!.payload.id);
  annotations.destroy();
});

test('two lost answers in a row tell the reader it failed', async () => {
  const { annotations, range } = pageWithSelection();
  background.answers.push(err('background-no-answer', { detail: 'stopped' }));
  background.answers.push(err('background-no-answer', { detail: 'stopped again' }));
  expect(await annotations.create(range, 'green', '')).toMatchObject({
    ok: false,
    error: { code: 'background-no-answer' },
  });
  expect(background.requests).toHaveLength(2);
  annotations.destroy();
});

test('the status the popup asks for waits for the page load in flight, not an empty list', async () => {
  const { annotations } = pageWithSelection();
  let answer!: (value: unknown) => void;
  background.answers.push(new Promise((resolve) => (answer = resolve)));
  const loading = annotations.load();
  let status: { id: string; anchored: boolean }[] | null = null;
  const asked = annotations.status().then((value) => (status = value));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(status).toBeNull(); // not [] while the highlights are still on their way
  answer(ok({ article: { id: 'a1', title: 'Salt' }, highlights: [stored('h1')], colorNames: {} }));
  await loading;
  await asked;
  expect(status).toEqual([{ id: 'h1', anchored: true }]);
  annotations.destroy();
});
