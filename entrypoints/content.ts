import { createHandler, currentSelf, listen, toContent } from '@/utils/messaging';
import { ok } from '@/utils/model';

// Injected on demand (activeTab + scripting) when the reader opens Readmark on a tab, so it
// needs no host permission and works in tabs opened before the extension was installed.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  main() {
    // Guard against a second injection into the same page (the popup injects when no script answers).
    const marker = Symbol.for('readmark.content');
    const scope = globalThis as { [marker]?: true };
    if (scope[marker]) return;
    scope[marker] = true;

    const handle = createHandler(
      {
        schemas: toContent,
        allowed: { capture: ['extension'] },
        handlers: {
          // Only serialise here: parsing and Readability run in an extension Worker, never on the page's thread.
          capture: async () =>
            ok({ url: location.href, title: document.title, html: document.documentElement.outerHTML }),
        },
      },
      currentSelf(),
    );
    listen(handle);
  },
});
