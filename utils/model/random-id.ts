/**
 * Random ids for every context Readmark's code runs in. `crypto.randomUUID` exists only in secure
 * contexts: a content script on an http:// page (its world shares the page's secure-context state)
 * has `crypto.getRandomValues` but no `randomUUID`, and code that called it there threw before
 * anything was painted.
 */

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A version 4 UUID (RFC 9562) from `crypto.getRandomValues`. */
export function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A name a page cannot guess or recognise (48 random bits, starting with a letter so it is a valid
 * CSS identifier): for registries any page script can read, such as CSS.highlights.
 */
export function opaqueName(): string {
  return `h${hex(crypto.getRandomValues(new Uint8Array(6)))}`;
}
