/**
 * Whitespace: exactly the code units of the regular expression class `\s`, tested without building
 * a string per character. Covers HTML's collapsible spaces and also no-break spaces, since copies
 * of a page disagree on `&nbsp;`. The annotation text model and the export's highlight layout both
 * use it, so stored selectors (normalised with `\s`) and both readings of a text agree.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
