/**
 * utils/messaging: the typed, validated message protocol between content scripts, extension
 * pages and the background. Every handler checks the sender and validates the payload; answers
 * are Results because thrown errors do not cross the boundary. No window.postMessage anywhere.
 * Public surface: protocol schemas and types, createHandler, classifySender, bindCaptureToTab,
 * listen, send*.
 * Must not import: dexie, preact, storage, extraction, annotation, export.
 */
export * from './bind-capture';
export * from './handler';
export * from './protocol';
export * from './transport';
