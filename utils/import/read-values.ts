/** Small readers for the loosely typed values export files hold. */

/** Unix seconds (number or numeric string) → epoch ms; null for anything else. */
export function fromUnixSeconds(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
}

/**
 * An ISO-8601-like date → epoch ms; null when unreadable. Accepts what the tools write:
 * `2024-05-02T11:43:54.000Z`, `…+00:00` with microseconds, wallabag's `+0100`, Readwise's
 * `2024-05-01 10:00:00+00:00`.
 */
export function fromIsoDate(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const iso = value
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** 1/0, true/false, "1"/"true": what wallabag and others write for a flag. */
export const asFlag = (value: unknown): boolean =>
  value === true || value === 1 || value === '1' || value === 'true';

export const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const asStrings = (value: unknown): string[] =>
  asArray(value).filter((item): item is string => typeof item === 'string');

/**
 * An attribute by name, whatever its case: a browser's HTML parser lower-cases attribute names
 * (`ADD_DATE` → `add_date`), linkedom keeps them as written.
 */
export function attribute(element: Element, name: string): string | null {
  for (const attr of [...element.attributes]) if (attr.name.toLowerCase() === name) return attr.value;
  return null;
}
