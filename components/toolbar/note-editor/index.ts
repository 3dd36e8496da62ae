/**
 * The note editor that "Add note" on a web page opens in a small Readmark window: an extension
 * page, so what the reader types never passes through the web page's DOM or its event listeners.
 */
export { NoteEditorApp } from './NoteEditorApp';
