// Keys that, copied by a careless merge (Object.assign, lodash.merge, a[k] = v), reach
// Object.prototype. JSON.parse itself only makes them own properties, so they are harmless until
// someone merges: a backup carrying them is rejected rather than trusted to be handled well later.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** Why a parsed JSON value is unsafe to pass on (an unsafe key or absurd nesting, with its path), or null. */
export function unsafeKeyReason(value: unknown, path = '', depth = 0): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return `${path || 'value'}: nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const reason = unsafeKeyReason(value[i], `${path}[${i}]`, depth + 1);
      if (reason) return reason;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (UNSAFE_KEYS.has(key)) return `${at}: forbidden key "${key}"`;
    const reason = unsafeKeyReason((value as Record<string, unknown>)[key], at, depth + 1);
    if (reason) return reason;
  }
  return null;
}
