import { defineContentScript } from 'wxt/utils/define-content-script';
import { errorMessage } from '@/components/shared/error-message';
import {
  capturePageWithSelection,
  markPageScript,
  readPageImage,
  runPageAnnotations,
} from '@/components/toolbar';
import {
  contentNoteSenders,
  contentSenders,
  createHandler,
  currentSelf,
  listen,
  toContent,
  toContentNotes,
} from '@/utils/messaging';
import { err, ok } from '@/utils/model';

// Injected on demand (activeTab + scripting) when the reader opens Readmark on a tab, uses the
// context menu or the shortcut, so it needs no host permission and works in tabs opened before
// the extension was installed. With the optional host access it is registered on every page.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  // WXT would announce every injection to the page with window.postMessage; pages must not learn
  // that Readmark is here (issue 12). WXT's same-named CustomEvent on document remains: see docs/threat-model.md.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // A second injection into the same page (each popup open injects when no script answers)
    // invalidates this copy through WXT's context: it unmounts and stops listening, the new one runs.
    const { annotations, listen: liveListen } = runPageAnnotations(ctx, document);
    const unmark = markPageScript();

    const currentRange = () => {
      const selection = document.getSelection();
      return selection && !selection.isCollapsed && selection.rangeCount ? selection.getRangeAt(0) : null;
    };

    const stopContent = listen(
      createHandler(
        {
          schemas: toContent,
          allowed: contentSenders,
          handlers: {
            // Only serialise here, in slices (capturePage): parsing and Readability run in an extension Worker.
            capture: async () => ok(await capturePageWithSelection(document)),
            highlightSelection: async ({ color }) => {
              const range = currentRange();
              const result = range
                ? await annotations.create(range, color ?? 'yellow', '')
                : err('select-text-first');
              if (!result.ok) annotations.notify(errorMessage(result.error));
              return result;
            },
            highlightStatus: async () => ok(await annotations.status()),
            scrollToHighlight: async ({ id }) => {
              const range = annotations.painter.range(id);
              if (!range) return err('highlight-not-on-page');
              range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
              return ok(true as const);
            },
            reattachToSelection: async ({ id }) => {
              const range = currentRange();
              return range ? annotations.reattach(id, range) : err('select-passage-first');
            },
            readPageImage: ({ url }) => readPageImage(url),
            repaint: async () => {
              const loaded = await annotations.load();
              return loaded.ok ? ok(true as const) : loaded;
            },
            // The popup's Listen: read the article it previewed, from the selection if there is one.
            listenStart: async ({ article }) => {
              const range = currentRange();
              void liveListen.start(
                article,
                range ? { node: range.startContainer, offset: range.startOffset } : undefined,
              );
              return ok(true as const);
            },
          },
        },
        currentSelf(),
      ),
    );
    const stopNotes = listen(
      createHandler(
        {
          schemas: toContentNotes,
          allowed: contentNoteSenders,
          handlers: {
            noteDone: async ({ highlight }) => {
              annotations.noteDone(highlight);
              return ok(true as const);
            },
          },
        },
        currentSelf(),
      ),
    );
    ctx.onInvalidated(() => {
      unmark();
      stopContent();
      stopNotes();
    });
  },
});
