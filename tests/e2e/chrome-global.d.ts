// `chrome` inside sw.evaluate()/page.evaluate() callbacks runs in the browser; this types it for the test files.
declare const chrome: typeof import('wxt/browser').browser;
