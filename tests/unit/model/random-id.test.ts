import * as v from 'valibot';
import { afterEach, expect, test, vi } from 'vitest';
import { opaqueName, randomUuid } from '@/utils/model';

afterEach(() => vi.restoreAllMocks());

test('ids are version 4 UUIDs, different each time, made without crypto.randomUUID (missing on http:// pages)', () => {
  // An http:// page is no secure context: its content script's crypto has getRandomValues only.
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
    throw new TypeError('crypto.randomUUID is not a function');
  });
  const ids = Array.from({ length: 200 }, randomUuid);
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(v.is(v.pipe(v.string(), v.uuid()), id)).toBe(true);
  }
  expect(new Set(ids).size).toBe(ids.length);
});

test('opaque names are CSS identifiers with 48 random bits, different each time', () => {
  const names = Array.from({ length: 200 }, opaqueName);
  for (const name of names) expect(name).toMatch(/^h[0-9a-f]{12}$/);
  expect(new Set(names).size).toBe(names.length);
});
