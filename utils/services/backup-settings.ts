import type { Rejection } from '@/utils/export';
import { HIGHLIGHT_COLORS } from '@/utils/model';
import type { SettingRecord } from '@/utils/storage';

/** Answers why a stored value is refused, or null when it may be restored. */
type Validator = (value: unknown) => string | null;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_COLOR_NAME = 64;

/** Every colour named, each name a short non-empty string (the toolbar and exports show them as is). */
const colorNames: Validator = (value) => {
  if (!isPlainObject(value)) return 'not an object';
  for (const color of HIGHLIGHT_COLORS) {
    const name = value[color];
    if (typeof name !== 'string' || !name.trim() || name.length > MAX_COLOR_NAME)
      return `the name of ${color} is missing or longer than ${MAX_COLOR_NAME} characters`;
  }
  const extra = Object.keys(value).find((key) => !(HIGHLIGHT_COLORS as readonly string[]).includes(key));
  return extra ? `"${extra}" is not a highlight colour` : null;
};

/** A flat object of strings, numbers and booleans; its owner clamps each field when it reads it. */
const flatObject: Validator = (value) => {
  if (!isPlainObject(value)) return 'not an object';
  const bad = Object.entries(value).find(
    ([, field]) => !['string', 'number', 'boolean'].includes(typeof field),
  );
  return bad ? `"${bad[0]}" is not a string, number or yes/no value` : null;
};

/**
 * The settings a backup may restore, by key, with the check each value must pass. A new setting
 * that should travel with backups adds one line here; any other key in a file is listed as not
 * restored, never written blindly.
 */
const SETTING_VALIDATORS: Record<string, Validator> = {
  colorNames,
  reader: flatObject,
};

/** Splits a backup's settings into records to restore and rejections (with reasons) to show. */
export function checkBackupSettings(settings: Record<string, unknown>): {
  records: SettingRecord[];
  rejected: Rejection[];
} {
  const records: SettingRecord[] = [];
  const rejected: Rejection[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const validate = Object.hasOwn(SETTING_VALIDATORS, key) ? SETTING_VALIDATORS[key] : undefined;
    const reason = validate ? validate(value) : 'not a setting this version of Readmark knows';
    if (reason)
      rejected.push({ kind: 'settings', index: 0, reason: `settings.${key.slice(0, 64)}: ${reason}` });
    else records.push({ key, value });
  }
  return { records, rejected };
}
