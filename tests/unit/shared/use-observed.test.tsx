import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { type Observed, useObserved } from '@/components/shared/use-observed';
import { getMessageIn } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

const root = useRenderRoot();
// The reader's words, not message keys: the English messages as the browser reads them.
beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn('en') as typeof browser.i18n.getMessage,
  );
});

function Shows({ query }: { query: () => Promise<string> }) {
  const state: Observed<string> = useObserved(query, []);
  return <p>{state.kind === 'ready' ? state.value : state.kind === 'error' ? state.message : '…'}</p>;
}

test('a read that fails is told in the reader’s words, with what the database said', async () => {
  const query = vi.fn(async (): Promise<string> => {
    throw new DOMException('The database connection is closing.', 'InvalidStateError');
  });
  await act(async () => render(<Shows query={query} />, root()));
  await vi.waitFor(() => expect(root().textContent).not.toBe('…'));
  expect(query).toHaveBeenCalled();
  expect(root().textContent).toBe(
    'Readmark could not read its library (The database connection is closing.).',
  );
});

test('a read that succeeds shows its value', async () => {
  await act(async () => render(<Shows query={async () => 'three articles'} />, root()));
  await vi.waitFor(() => expect(root().textContent).toBe('three articles'));
});
