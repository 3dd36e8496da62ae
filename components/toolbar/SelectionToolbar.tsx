import { useEffect, useRef, useState } from 'preact/hooks';
import { type ColorNames, HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model';
import { HIGHLIGHT_PAINT } from '../shared/highlight-colors';

export interface ToolbarLabels {
  toolbar: string;
  addNote: string;
  editNote: string;
  saveNote: string;
  notePlaceholder: string;
  copy: string;
  copied: string;
  remove: string;
  close: string;
}

export interface SelectionToolbarProps {
  /** 'create' for a fresh selection, 'edit' for a clicked highlight. */
  mode: 'create' | 'edit';
  /** Page coordinates of the point the toolbar sits under. */
  at: { x: number; y: number };
  colorNames: ColorNames;
  labels: ToolbarLabels;
  color?: HighlightColor;
  /** The note's text, where the toolbar edits it itself (the reader); a web page never has it. */
  note?: string;
  /** Whether the highlight has a note: the button says "Edit note" rather than "Add note". */
  hasNote?: boolean;
  /** Move keyboard focus into the toolbar (opened by shortcut or keyboard selection). */
  autoFocus?: boolean;
  onColor(color: HighlightColor): void;
  onNote(note: string, color: HighlightColor): void;
  /**
   * When set, "Add note" calls this instead of opening the toolbar's own text field: on web pages
   * notes are typed in Readmark's note editor, never in an element of the page.
   */
  onOpenNote?(color: HighlightColor): void;
  /** Copies the passage; "Copied" shows only when it resolves true. */
  onCopy(): Promise<boolean>;
  /** "Listen from here" (live page): reads the article aloud from the selection's start. */
  onListen?(): void;
  listenLabel?: string;
  onDelete?(): void;
  onClose(): void;
}

/**
 * The small toolbar next to a selection or a highlight: colours (named by the reader), a note,
 * copy, and delete for an existing highlight. Arrow keys move between the colours, Escape closes.
 */
export function SelectionToolbar(props: SelectionToolbarProps) {
  const { mode, at, colorNames, labels, color, autoFocus } = props;
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState(props.note ?? '');
  const [copied, setCopied] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (noteOpen) textarea.current?.focus();
  }, [noteOpen]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
      return;
    }
    const target = event.target as HTMLElement;
    if (!target.classList.contains('swatch') || !['ArrowLeft', 'ArrowRight'].includes(event.key)) return;
    const swatches = [...(target.parentElement?.querySelectorAll<HTMLButtonElement>('.swatch') ?? [])];
    const index = swatches.indexOf(target as HTMLButtonElement);
    const next = swatches[(index + (event.key === 'ArrowRight' ? 1 : swatches.length - 1)) % swatches.length];
    next?.focus();
    event.preventDefault();
  };

  return (
    <div
      class="toolbar"
      role="toolbar"
      aria-label={labels.toolbar}
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onKeyDown={onKeyDown}
      onMouseDown={(event) => event.stopPropagation()}
      onMouseUp={(event) => event.stopPropagation()}
    >
      <div class="row">
        <div class="swatches">
          {HIGHLIGHT_COLORS.map((c, index) => (
            <button
              type="button"
              key={c}
              ref={index === 0 ? first : undefined}
              class={c === color ? 'swatch current' : 'swatch'}
              data-color={c}
              title={colorNames[c]}
              aria-label={colorNames[c]}
              aria-pressed={mode === 'edit' ? c === color : undefined}
              style={{ background: HIGHLIGHT_PAINT[c].background }}
              onClick={() => props.onColor(c)}
            />
          ))}
        </div>
        <button
          type="button"
          class="action note-toggle"
          aria-expanded={noteOpen}
          onClick={() => (props.onOpenNote ? props.onOpenNote(color ?? 'yellow') : setNoteOpen(!noteOpen))}
        >
          {mode === 'edit' && props.hasNote ? labels.editNote : labels.addNote}
        </button>
        <button type="button" class="action copy" onClick={async () => setCopied(await props.onCopy())}>
          {copied ? labels.copied : labels.copy}
        </button>
        {props.onListen && (
          <button type="button" class="action listen-here" onClick={props.onListen}>
            {props.listenLabel}
          </button>
        )}
        {mode === 'edit' && props.onDelete && (
          <button type="button" class="action delete" onClick={props.onDelete}>
            {labels.remove}
          </button>
        )}
        <button type="button" class="action close" aria-label={labels.close} onClick={props.onClose}>
          ×
        </button>
      </div>
      {noteOpen && (
        <form
          class="note"
          onSubmit={(event) => {
            event.preventDefault();
            props.onNote(note, color ?? 'yellow');
          }}
        >
          <textarea
            ref={textarea}
            value={note}
            placeholder={labels.notePlaceholder}
            aria-label={labels.notePlaceholder}
            rows={3}
            onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
                props.onNote(note, color ?? 'yellow');
            }}
          />
          <button type="submit" class="action primary save-note">
            {labels.saveNote}
          </button>
        </form>
      )}
    </div>
  );
}
