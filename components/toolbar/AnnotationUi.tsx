import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { err, type HighlightColor, type Result } from '@/utils/model';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';
import { type AnnotationSet, hasNote, type ShownHighlight } from './annotation-set';
import { copyPassage } from './copy-text';
import { raiseHost } from './guard-host';
import { LiveListenBar } from './LiveListenBar';
import type { LiveListen } from './live-listen';
import { SelectionToolbar, type ToolbarLabels } from './SelectionToolbar';

type ToolbarState =
  | { mode: 'create'; range: Range; at: Point; autoFocus: boolean }
  | { mode: 'edit'; id: string; at: Point; autoFocus: boolean };
interface Point {
  x: number;
  y: number;
}
interface Toast {
  message: string;
  alert?: boolean;
  undo?: () => void;
}

const TOAST_MS = 8_000;

export const toolbarLabels = (): ToolbarLabels => ({
  toolbar: t('toolbarLabel'),
  addNote: t('toolbarAddNote'),
  editNote: t('toolbarEditNote'),
  saveNote: t('toolbarSaveNote'),
  notePlaceholder: t('toolbarNotePlaceholder'),
  copy: t('toolbarCopy'),
  copied: t('toolbarCopied'),
  remove: t('toolbarDelete'),
  close: t('toolbarClose'),
});

/** Below the middle of a range, in page coordinates. */
function pointUnder(range: Range, win: Window): Point {
  const rect = range.getBoundingClientRect();
  return { x: rect.left + rect.width / 2 + win.scrollX, y: rect.bottom + win.scrollY };
}

/**
 * Where the note editor window goes: under the toolbar, in screen pixels. A hint: the browser and
 * the window manager may place it elsewhere.
 */
function screenPoint(at: Point, win: Window) {
  const chrome = win.outerHeight - win.innerHeight;
  const {
    availLeft = 0,
    availTop = 0,
    availWidth,
    availHeight,
  } = win.screen as Screen & {
    availLeft?: number;
    availTop?: number;
  };
  const within = (value: number, low: number, size: number, span: number) =>
    Math.round(Math.max(low, Math.min(value, low + size - span)));
  return {
    left: within(win.screenX + at.x - win.scrollX - 180, availLeft, availWidth, 360),
    top: within(win.screenY + chrome + at.y - win.scrollY + 48, availTop, availHeight, 210),
  };
}

/**
 * The annotation UI (live page and reader): the toolbar for new selections and clicked highlights, and a toast for errors
 * and undo. Rendered inside a closed shadow root by mountAnnotationUi.
 */
export function AnnotationUi({
  annotations,
  host,
  listen,
}: {
  annotations: AnnotationSet<ShownHighlight>;
  host: HTMLElement;
  /** Listen on the live page (absent in the reader, which has its own). */
  listen?: LiveListen;
}) {
  const doc = host.ownerDocument;
  const win = doc.defaultView!;
  const [toolbar, setToolbar] = useState<ToolbarState | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [, setVersion] = useState(0);

  useEffect(() => annotations.subscribe(() => setVersion((n) => n + 1)), [annotations]);
  useEffect(() => annotations.onNotice((message) => setToast({ message, alert: true })), [annotations]);
  // Above any popover or dialog the page opened since: the reader must see what they act on.
  // A layout effect, so it runs before the toolbar's focus effect (re-showing drops focus).
  const shown = toolbar !== null || toast !== null;
  useLayoutEffect(() => {
    if (shown) raiseHost(host);
  }, [shown, host]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    // Only the reader's own input opens or moves the toolbar: a page script's synthetic events
    // (isTrusted false) are ignored, here and inside the shadow root (mountAnnotationUi).
    const fromUs = (event: Event) => !event.isTrusted || event.composedPath().includes(host);
    const selectionRange = () => {
      const selection = doc.getSelection();
      return selection && !selection.isCollapsed && selection.rangeCount
        ? selection.getRangeAt(0).cloneRange()
        : null;
    };
    const onMouseUp = (event: MouseEvent) => {
      if (fromUs(event) || event.button !== 0) return;
      // Let the browser settle the selection first.
      setTimeout(() => {
        const range = selectionRange();
        if (range) return setToolbar({ mode: 'create', range, at: pointUnder(range, win), autoFocus: false });
        const id = annotations.painter.hitTest(event.clientX, event.clientY);
        const painted = id && annotations.painter.range(id);
        setToolbar(
          id && painted ? { mode: 'edit', id, at: pointUnder(painted, win), autoFocus: false } : null,
        );
      });
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (fromUs(event) || !event.shiftKey) return;
      const range = selectionRange();
      if (range) setToolbar({ mode: 'create', range, at: pointUnder(range, win), autoFocus: false });
    };
    // Tab right after a selection moves into the toolbar: keyboard users reach it without a mouse.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Tab' && !event.shiftKey && !fromUs(event)) {
        setToolbar((current) => {
          if (!current) return current;
          event.preventDefault();
          return { ...current, autoFocus: true };
        });
      } else if (event.key === 'Escape' && !fromUs(event)) setToolbar(null);
    };
    doc.addEventListener('mouseup', onMouseUp, true);
    doc.addEventListener('keyup', onKeyUp, true);
    doc.addEventListener('keydown', onKeyDown, true);
    return () => {
      doc.removeEventListener('mouseup', onMouseUp, true);
      doc.removeEventListener('keyup', onKeyUp, true);
      doc.removeEventListener('keydown', onKeyDown, true);
    };
  }, [annotations, doc, host, win]);

  const report = (result: Result<unknown>, success?: Toast) => {
    if (!result.ok) setToast({ message: errorMessage(result.error), alert: true });
    else if (success) setToast(success);
  };

  const copy = async (text: string, range: Range | null) => {
    const copied = await copyPassage(text, range);
    if (!copied) report(err('copy-failed'));
    return copied;
  };

  const close = () => {
    setToolbar(null);
    doc.getSelection()?.removeAllRanges();
  };

  const noteEditor = annotations.openNoteEditor?.bind(annotations);
  const openNote =
    noteEditor && ((id: string, at: Point) => noteEditor(id, screenPoint(at, win)).then(report));

  let view = null;
  if (toolbar?.mode === 'create') {
    const { range } = toolbar;
    const create = async (color: HighlightColor, note: string) => {
      close();
      report(await annotations.create(range, color, note));
    };
    view = (
      <SelectionToolbar
        mode="create"
        at={toolbar.at}
        autoFocus={toolbar.autoFocus}
        colorNames={annotations.colorNames}
        labels={toolbarLabels()}
        onColor={(color) => create(color, '')}
        onNote={(note, color) => create(color, note)}
        onOpenNote={
          openNote &&
          (async (color) => {
            close();
            const created = await annotations.create(range, color, '');
            if (created.ok) await openNote(created.value.id, toolbar.at);
            else report(created);
          })
        }
        onCopy={() => copy(range.toString(), range)}
        onListen={
          listen &&
          (() => {
            close();
            void listen.start(undefined, { node: range.startContainer, offset: range.startOffset });
          })
        }
        listenLabel={t('liveListenFromHere')}
        onClose={close}
      />
    );
  } else if (toolbar?.mode === 'edit') {
    const highlight = annotations.highlights.find((h) => h.id === toolbar.id);
    if (highlight) view = editToolbar(highlight, toolbar);
  }

  function editToolbar(highlight: ShownHighlight, state: ToolbarState) {
    return (
      <SelectionToolbar
        key={highlight.id}
        mode="edit"
        at={state.at}
        autoFocus={state.autoFocus}
        colorNames={annotations.colorNames}
        labels={toolbarLabels()}
        color={highlight.color}
        note={highlight.note}
        hasNote={hasNote(highlight)}
        onColor={async (color) => report(await annotations.update(highlight.id, { color }))}
        onNote={async (note) => {
          close();
          report(await annotations.update(highlight.id, { note }));
        }}
        onOpenNote={
          openNote &&
          (() => {
            close();
            void openNote(highlight.id, state.at);
          })
        }
        onCopy={() => copy(highlight.quote.exact, annotations.painter.range(highlight.id) ?? null)}
        onDelete={async () => {
          close();
          const result = await annotations.remove(highlight.id);
          report(result, {
            message: t('highlightDeleted'),
            undo: () => {
              setToast(null);
              void annotations.restore(highlight).then((restored) => report(restored));
            },
          });
        }}
        onClose={close}
      />
    );
  }

  return (
    <>
      {listen && <LiveListenBar listen={listen} host={host} />}
      {view}
      {toast && (
        <div class="toast" role={toast.alert ? 'alert' : 'status'}>
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" class="action undo" onClick={toast.undo}>
              {t('undo')}
            </button>
          )}
          <button type="button" class="action" aria-label={t('toolbarClose')} onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
