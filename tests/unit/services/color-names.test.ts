import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DEFAULT_COLOR_NAMES } from '@/utils/model';
import { localiseColorNames, readColorNames } from '@/utils/services';
import { openDb, setSetting } from '@/utils/storage';
import { getMessageIn } from '../../support/i18n';

const inFrench = () =>
  vi
    .spyOn(browser.i18n, 'getMessage')
    .mockImplementation(getMessageIn('fr') as typeof browser.i18n.getMessage);

afterEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn('en') as typeof browser.i18n.getMessage,
  );
});

describe('colour names', () => {
  test('the default names show in the UI language', () => {
    expect(localiseColorNames(DEFAULT_COLOR_NAMES)).toEqual(DEFAULT_COLOR_NAMES);
    inFrench();
    expect(localiseColorNames(DEFAULT_COLOR_NAMES)).toEqual({
      yellow: 'Important',
      green: 'Idée',
      blue: 'Définition',
      pink: 'Question',
      purple: 'Citation',
    });
  });

  test('a name the reader chose stays as written; stored defaults are still translated', async () => {
    inFrench();
    const db = openDb(`colors-${Math.random()}`);
    await setSetting(db, 'colorNames', { ...DEFAULT_COLOR_NAMES, pink: 'À vérifier' });
    const names = await readColorNames(db);
    expect(names.pink).toBe('À vérifier');
    expect(names.green).toBe('Idée');
    db.close();
  });
});
