// A note's conflict copy is marked in the reader's language (utils/services/sync-records.ts).
import { afterEach, describe, expect, test } from 'vitest';
import { noteText } from '@/utils/services';
import { useLocale } from '../../support/i18n';

const heads = [
  { h: '001700000002000-000000-devB', text: 'edited on B' },
  { h: '001700000001000-000000-devA', text: 'edited on A' },
];

afterEach(() => useLocale('en'));

describe('the conflict copy marker', () => {
  test('in English and in French, with the copy’s time, the winner first', () => {
    useLocale('en');
    expect(noteText(heads)).toBe(
      'edited on B\n\n--- conflict copy (2023-11-14T22:13:21.000Z) ---\nedited on A',
    );
    useLocale('fr');
    expect(noteText(heads)).toBe(
      'edited on B\n\n--- copie en conflit (2023-11-14T22:13:21.000Z) ---\nedited on A',
    );
  });

  test('one version, or concurrent versions with the same text, need no marker', () => {
    expect(noteText(heads.slice(0, 1))).toBe('edited on B');
    expect(noteText([heads[0]!, { ...heads[1]!, text: 'edited on B' }])).toBe('edited on B');
  });
});
