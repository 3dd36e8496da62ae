/**
 * utils/sync: sync a library through storage the reader already has (WebDAV), encrypted.
 * Public surface: the clock (hlc), the replicated state and its merge (state, library), the
 * fail-safe, WebCrypto encryption, the remote format (pictures: pictures.ts), the RemoteTarget interface with its WebDAV
 * implementation, the SyncStore interface, the engine (syncOnce) and the passphrase change
 * (changePassphrase, with the keys a device keeps instead of the passphrase: saved-keys).
 * Pure apart from WebCrypto and fetch: no database, browser extension API or UI (docs/sync-format.md).
 */
export * from './crypto';
export * from './engine';
export * from './failsafe';
export * from './forget';
export * from './hlc';
export * from './library';
export * from './passphrase';
export * from './pictures';
export * from './purge';
export * from './remote-format';
export * from './remote-target';
export * from './saved-keys';
export * from './state';
export * from './store';
export * from './webdav-target';
