import { type ColorNames, DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model';
import { getSetting, type ReadmarkDb } from '@/utils/storage';
import { type MessageKey, t } from './i18n';

const DEFAULT_NAME_KEYS = {
  yellow: 'colorDefaultYellow',
  green: 'colorDefaultGreen',
  blue: 'colorDefaultBlue',
  pink: 'colorDefaultPink',
  purple: 'colorDefaultPurple',
} as const satisfies Record<HighlightColor, MessageKey>;

/**
 * The colour names to show, in the UI's language: a default name (stored or not: the settings
 * form saves all five at once) is translated when shown; a name the reader wrote stays as written.
 * Translating here, at display time, keeps the stored defaults one English set.
 */
export function localiseColorNames(names: ColorNames): ColorNames {
  return Object.fromEntries(
    HIGHLIGHT_COLORS.map((color) => {
      const name = names[color] ?? DEFAULT_COLOR_NAMES[color];
      return [color, name === DEFAULT_COLOR_NAMES[color] ? t(DEFAULT_NAME_KEYS[color]) : name];
    }),
  ) as ColorNames;
}

/** The reader's colour names from the settings, defaults translated. */
export async function readColorNames(db: ReadmarkDb): Promise<ColorNames> {
  return localiseColorNames(await getSetting(db, 'colorNames', DEFAULT_COLOR_NAMES));
}
