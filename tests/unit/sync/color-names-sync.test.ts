// @vitest-environment node
// Colour names (the reader's names for the highlight colours) travel with sync, each colour's name
// merging on its own; other settings stay on each machine.
import { describe, expect, test } from 'vitest';
import { type ColorNames, DEFAULT_COLOR_NAMES } from '@/utils/model';
import { readColorNames } from '@/utils/services';
import { getSetting, setSetting } from '@/utils/storage';
import { expectSynced, library, newFolder, setUp, useSyncServer } from './service-devices';

const server = useSyncServer();

const named = (names: Partial<ColorNames>): ColorNames => ({ ...DEFAULT_COLOR_NAMES, ...names });

describe('colour names sync', () => {
  test('names chosen before set-up and after it reach the other device; each colour merges on its own', async () => {
    const url = await newFolder(server.url, 'colours');
    const a = library();
    const b = library();
    // Chosen before sync existed: the first run's seeding sends them.
    await setSetting(a, 'colorNames', named({ yellow: 'Important' }));
    await setSetting(a, 'reader', { fontSize: 22 });
    await setUp(a, url, 'Laptop');
    await setUp(b, url, 'Desktop');
    expect((await readColorNames(b)).yellow).toBe('Important');
    // Device-local settings stay where they are.
    expect(await getSetting(b, 'reader', null)).toBeNull();

    // Both rename a different colour before syncing: both names survive, on both.
    await setSetting(a, 'colorNames', named({ yellow: 'Important', green: 'Definitions' }));
    await setSetting(b, 'colorNames', named({ yellow: 'Important', pink: 'Questions' }));
    await expectSynced(a);
    await expectSynced(b);
    await expectSynced(a);
    const expected = named({ yellow: 'Important', green: 'Definitions', pink: 'Questions' });
    expect(await getSetting(a, 'colorNames', null)).toEqual(expected);
    expect(await getSetting(b, 'colorNames', null)).toEqual(expected);
    // Applying what arrived sent nothing back.
    expect(await a.syncOutbox.count()).toBe(0);
    expect(await b.syncOutbox.count()).toBe(0);
  });
});
