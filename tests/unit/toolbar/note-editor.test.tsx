import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { NoteEditorApp } from '@/components/toolbar/note-editor';

const TOKEN = '0b5c6f1e-3a52-4c4e-9a53-5d2a4f6e7a10';
let root: HTMLElement;
let sent: { type: string; payload: unknown }[];
let answers: Record<string, unknown>;

beforeEach(() => {
  root = document.body.appendChild(document.createElement('div'));
  sent = [];
  answers = {
    noteLoad: { ok: true, value: { quote: 'salt had reached the pins', note: 'first thoughts' } },
    noteSave: { ok: false, error: { code: 'note-gone' } },
    noteClose: { ok: true, value: true },
  };
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string) => key);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: unknown;
  }) => {
    sent.push(message);
    return answers[message.type];
  }) as never);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

const field = () => root.querySelector('textarea');

test('the editor loads the note by its token, and a failed save keeps the text with the reason', async () => {
  await act(async () => render(<NoteEditorApp token={TOKEN} />, root));
  await vi.waitFor(() => expect(field()?.value).toBe('first thoughts'));
  expect(root.querySelector('.quote')?.textContent).toBe('salt had reached the pins');
  expect(sent[0]).toEqual({ type: 'noteLoad', payload: { token: TOKEN } });

  await act(async () => {
    field()!.value = 'a longer note the reader must not lose';
    field()!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => (root.querySelector('.save-note') as HTMLButtonElement).click());
  await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('errorNoteGone'));
  expect(sent.at(-1)).toEqual({
    type: 'noteSave',
    payload: { token: TOKEN, note: 'a longer note the reader must not lose' },
  });
  expect(field()?.value).toBe('a longer note the reader must not lose');
});

test('a token the background does not know shows why, and Close still closes', async () => {
  answers.noteLoad = { ok: false, error: { code: 'note-gone' } };
  const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
  await act(async () => render(<NoteEditorApp token={TOKEN} />, root));
  await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('errorNoteGone'));
  expect(field()).toBeNull();
  await act(async () => (root.querySelector('.close') as HTMLButtonElement).click());
  await vi.waitFor(() => expect(close).toHaveBeenCalled());
  expect(sent.at(-1)).toEqual({ type: 'noteClose', payload: { token: TOKEN } });
});
