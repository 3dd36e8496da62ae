export { setUpAutoRepaint } from './content-script-registration';
export { setUpImportedDownloads } from './download-scheduler';
export { extractPage } from './extract-page';
export { setUpHighlightCommands } from './highlight-commands';
export { highlightHandlers } from './highlight-service';
export { noteHandlers } from './note-sessions';
