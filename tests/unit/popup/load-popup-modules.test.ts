// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { popupModuleLoader } from '@/components/popup/load-popup-modules';

// The built popup.html lists its modules on the first script's tag (wxt.config.ts,
// popupModulesAfterFirstPaint) instead of loading them with the page: the first script loads
// them after its paint, the entry as a module script and the rest as preloads, side by side.

afterEach(() => {
  for (const added of document.head.querySelectorAll('script, link')) added.remove();
});

function firstScript(modules?: string): HTMLScriptElement {
  const script = document.createElement('script');
  if (modules !== undefined) script.dataset.modules = modules;
  return script;
}

describe('the popup’s modules', () => {
  test('load when asked: the entry as a module script, what it imports as preloads, once', () => {
    const load = popupModuleLoader(firstScript('/chunks/popup-a1.js /chunks/db-b2.js /chunks/preact-c3.js'));
    expect(document.head.querySelector('script')).toBeNull();

    load();
    load();
    const scripts = [...document.head.querySelectorAll('script')];
    expect(scripts.map((s) => [s.type, s.getAttribute('src')])).toEqual([['module', '/chunks/popup-a1.js']]);
    const preloads = [...document.head.querySelectorAll('link')];
    expect(preloads.map((l) => [l.rel, l.getAttribute('href')])).toEqual([
      ['modulepreload', '/chunks/db-b2.js'],
      ['modulepreload', '/chunks/preact-c3.js'],
    ]);
  });

  test('a page that lists none (the development server loads its own) loads nothing', () => {
    popupModuleLoader(firstScript())();
    popupModuleLoader(null)();
    expect(document.head.querySelectorAll('script, link')).toHaveLength(0);
  });
});
