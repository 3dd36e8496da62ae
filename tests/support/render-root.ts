import { render } from 'preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { browser } from 'wxt/browser';

/**
 * A fresh element in the body to render components into for each test, unmounted and removed
 * after it; UI strings show as their message keys. Returns a getter for the current element.
 */
export function useRenderRoot(): () => HTMLElement {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.body.appendChild(document.createElement('div'));
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string) => key);
    vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'en');
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.restoreAllMocks();
  });
  return () => root;
}
