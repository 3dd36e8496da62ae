export { setUpAutoRepaint } from './content-script-registration';
export { extractPage } from './extract-page';
export { setUpHighlightCommands } from './highlight-commands';
export { highlightHandlers } from './highlight-service';
export { noteHandlers } from './note-sessions';
