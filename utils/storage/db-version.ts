/**
 * The database's name and schema version, apart from db.ts so that code which must not load Dexie
 * (the library's first script, library-start.ts) can check the database it reads raw.
 */
export const DB_NAME = 'readmark';

/** The newest `db.version(n)` in db.ts (tests/unit/storage/library-start.test.ts checks them together). */
export const SCHEMA_VERSION = 6;

/** The IndexedDB version Dexie opens schema version n at: n × 10. */
export const INDEXEDDB_VERSION = SCHEMA_VERSION * 10;
