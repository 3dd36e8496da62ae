/**
 * utils/services: orchestration across rooms; renders nothing.
 * Public surface here: DexieSyncStore (the sync engine's bookkeeping in IndexedDB).
 */
export { DexieSyncStore } from './sync-store';
