/**
 * The room map as data, and the part of biome.json written from it (`npm run lint:rooms`).
 *
 * Biome's overrides replace a rule's options instead of merging them, so every room has to repeat
 * the rules that hold everywhere; this table says each thing once and the script writes the
 * repetition. tests/unit/lint/rooms-table.test.ts fails when biome.json is out of date, and
 * tests/unit/lint/room-boundaries.test.ts proves each rule fails on a deliberate violation.
 *
 * Adding a room is one line in ROOMS, then `npm run lint:rooms`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Pattern {
  group: string[];
  message: string;
}

interface Room {
  /** Folders (from the repository root) the rule applies to. */
  folders: string[];
  /** Import specifiers (Biome glob patterns) the room may not use. */
  forbid: string[];
  /** Why: shown with every violation. */
  message: string;
}

/** Rules for every file, rooms included. */
const EVERYWHERE: Pattern[] = [
  {
    group: ['@/utils/*/*', '~/utils/*/*'],
    message: 'Import another room through its index.ts (e.g. @/utils/storage), not its inner files.',
  },
  {
    group: ['@/entrypoints/**', '~/entrypoints/**', '**/entrypoints/**'],
    message: 'Entrypoints only wire; nothing imports from them.',
  },
  {
    group: ['@/utils/cli', '~/utils/cli', '../cli/**'],
    message: 'utils/cli is the Node command line; nothing in the extension imports it.',
  },
  {
    group: [
      '@/utils/training',
      '@/utils/training/**',
      '~/utils/training',
      '~/utils/training/**',
      '../training/**',
    ],
    message: 'utils/training is Node-only offline training; nothing in the extension imports it.',
  },
];

const UI = ['preact', 'preact/**'];
const BROWSER = ['wxt/**'];
const DB = ['dexie'];
/** What a pure room (a function of its inputs, in browser and Node alike) may not use. */
const NOT_PURE = [...DB, ...UI, ...BROWSER];

/**
 * Packages, then other utils rooms by alias, then all components, then the same rooms by relative
 * path (a file inside utils/x reaching ../y/...).
 */
function forbidding(packages: string[], rooms: string[]): string[] {
  return [
    ...packages,
    ...rooms.map((room) => `@/utils/${room}`),
    '@/components/**',
    ...rooms.map((room) => `../${room}/**`),
  ];
}

export const ROOMS: Room[] = [
  {
    folders: ['utils/model'],
    forbid: ['@/**', '~/**', '../**', ...DB, ...UI, ...BROWSER, '@mozilla/**', 'dompurify'],
    message: 'utils/model imports nothing: it is the base every room stands on.',
  },
  {
    folders: ['utils/extraction', 'utils/annotation'],
    forbid: forbidding(NOT_PURE, ['storage', 'messaging', 'export', 'services']),
    message: 'Extraction and annotation are pure over a Document: no browser APIs, storage, messaging or UI.',
  },
  {
    folders: ['utils/export'],
    forbid: forbidding(NOT_PURE, ['storage', 'messaging', 'services']),
    message:
      'Export turns records into strings and bytes: no database, browser APIs or UI (downloads belong to the UI).',
  },
  {
    folders: ['utils/storage'],
    forbid: forbidding([...UI, ...BROWSER], ['messaging', 'extraction', 'annotation', 'export', 'services']),
    message: 'Storage knows the model and Dexie only.',
  },
  {
    folders: ['utils/messaging'],
    forbid: forbidding([...DB, ...UI], ['storage', 'extraction', 'annotation', 'export', 'services']),
    message: 'Messaging knows the model and the browser runtime only.',
  },
  {
    folders: ['utils/search'],
    forbid: forbidding(NOT_PURE, ['storage', 'messaging', 'extraction', 'annotation', 'export', 'services']),
    message: 'Search is pure over model records: it knows the model and MiniSearch only.',
  },
  {
    folders: ['utils/training'],
    forbid: forbidding(NOT_PURE, ['storage', 'messaging', 'export', 'annotation', 'search', 'services']),
    message: 'utils/training reads the corpus and may use the model and extraction rooms only.',
  },
  {
    folders: ['utils/import'],
    forbid: forbidding(
      [...NOT_PURE, 'linkedom', 'jsdom'],
      ['storage', 'messaging', 'extraction', 'annotation', 'export', 'search', 'services'],
    ),
    message:
      'Import reads files into the model: it knows the model, fflate and papaparse; HTML comes through an injected parser.',
  },
  {
    folders: ['utils/services'],
    forbid: forbidding(UI, []),
    message:
      'Services orchestrate the rooms (storage, extraction, export, search, import, messaging); they render nothing.',
  },
  {
    folders: ['utils/sync'],
    forbid: forbidding(NOT_PURE, [
      'storage',
      'messaging',
      'extraction',
      'annotation',
      'export',
      'search',
      'import',
      'services',
    ]),
    message:
      'Sync is pure apart from WebCrypto and fetch: it knows the model only; the database reaches it through the SyncStore interface.',
  },
  {
    folders: ['utils/review'],
    forbid: forbidding(NOT_PURE, [
      'storage',
      'messaging',
      'extraction',
      'export',
      'search',
      'import',
      'sync',
      'services',
    ]),
    message:
      'Review scheduling is pure under an injected clock: it knows the model, annotation (context) and ts-fsrs only.',
  },
  {
    folders: ['components/toolbar'],
    // Services open the database too (and would bring it into the content script).
    forbid: [...DB, '@/utils/storage', '~/utils/storage', '@/utils/services', '~/utils/services'],
    message: "The in-page toolbar runs in the page's origin: it reaches the database only through messages.",
  },
];

const restrictedImports = (patterns: Pattern[]) => ({
  style: { noRestrictedImports: { level: 'error', options: { patterns } } },
});

/**
 * biome.json with its noRestrictedImports rule and its overrides written from EVERYWHERE and ROOMS
 * (every override is a room; the rest of the file is kept as it is).
 */
export function withRooms(config: Record<string, unknown>): Record<string, unknown> {
  const linter = config.linter as { rules: Record<string, Record<string, unknown>> };
  return {
    ...config,
    linter: {
      ...linter,
      rules: {
        ...linter.rules,
        style: { ...linter.rules.style, ...restrictedImports(EVERYWHERE).style },
      },
    },
    overrides: ROOMS.map((room) => ({
      includes: room.folders.map((folder) => `${folder}/**`),
      linter: {
        rules: restrictedImports([...EVERYWHERE, { group: room.forbid, message: room.message }]),
      },
    })),
  };
}

export const BIOME_JSON = resolve(fileURLToPath(import.meta.url), '../../../biome.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = JSON.parse(readFileSync(BIOME_JSON, 'utf8')) as Record<string, unknown>;
  writeFileSync(BIOME_JSON, `${JSON.stringify(withRooms(current), null, 2)}\n`);
  // Biome formats its own config like any JSON file; let it, so `biome check` stays clean.
  execFileSync(resolve(BIOME_JSON, '../node_modules/.bin/biome'), ['format', '--write', BIOME_JSON], {
    stdio: 'inherit',
  });
}
