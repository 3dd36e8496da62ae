import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BIOME_JSON, ROOMS, withRooms } from '../../../utils/cli/lint-rooms';

// biome.json's room rules are written from utils/cli/lint-rooms.ts: this fails when someone edits one
// and not the other (run `npm run lint:rooms`).
test('biome.json holds the room rules written from the rooms table', () => {
  const config = JSON.parse(readFileSync(BIOME_JSON, 'utf8')) as Record<string, unknown>;
  expect(config).toEqual(withRooms(config));
});

test('every room folder has one rule', () => {
  const folders = ROOMS.flatMap((room) => room.folders);
  expect(new Set(folders).size).toBe(folders.length);
  expect(folders).toContain('utils/storage');
});

test('docs/architecture.md names every room of the table', () => {
  const doc = readFileSync(resolve(BIOME_JSON, '../docs/architecture.md'), 'utf8');
  const missing = ROOMS.flatMap((room) => room.folders).filter((folder) => !doc.includes(`\`${folder}\``));
  expect(missing).toEqual([]);
});
