const SPACES = /\s+/g;

/**
 * A tag as it should be stored and shown: trimmed, inner runs of white space collapsed to one
 * space, a leading "#" dropped, the reader's capitals kept ("Machine  learning " → "Machine
 * learning"). Null when nothing is left.
 */
export function normaliseTag(raw: string): string | null {
  const tag = raw
    .replace(SPACES, ' ')
    .trim()
    .replace(/^#+\s*/, '');
  return tag === '' ? null : tag;
}

/**
 * The key two tags are compared by: "AI", " ai" and "#Ai" are one tag. Empty string for a tag
 * that normalises to nothing.
 */
export function tagKey(raw: string): string {
  return (normaliseTag(raw) ?? '').toLowerCase();
}
