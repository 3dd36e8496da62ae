import { afterEach, expect, test, vi } from 'vitest';
import { guardHost, HOST_STYLE } from '@/components/toolbar/guard-host';

const setUp = () => {
  const host = document.createElement('readmark-ui');
  const shadow = host.attachShadow({ mode: 'closed' });
  document.documentElement.append(host);
  const button = document.createElement('button');
  shadow.append(button);
  const stop = guardHost(host, shadow);
  return { host, button, stop };
};
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

test('a page rewriting or removing the host gets it back as it was', async () => {
  const { host, stop } = setUp();
  cleanup = () => {
    stop();
    host.remove();
  };
  expect(host.getAttribute('style')).toBe(HOST_STYLE);
  expect(HOST_STYLE).toContain('all: initial !important;');
  host.setAttribute('style', 'display: none !important');
  await vi.waitFor(() => expect(host.getAttribute('style')).toBe(HOST_STYLE));
  host.remove();
  await vi.waitFor(() => expect(host.isConnected).toBe(true));
});

test('untrusted events never reach the buttons inside; stopping the guard lets go of the host', async () => {
  const { host, button, stop } = setUp();
  const clicked = vi.fn();
  button.addEventListener('click', clicked);
  button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  button.click();
  expect(clicked).not.toHaveBeenCalled();

  stop();
  host.remove();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(host.isConnected).toBe(false);
});
