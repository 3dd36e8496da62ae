/**
 * Copies a passage from the in-page toolbar. The Clipboard API exists only in secure contexts
 * (and a page's permissions policy can refuse it); on an http:// page the copy command over the
 * passage itself is what is left, run inside the reader's click. False when neither copied.
 */
export async function copyPassage(text: string, range: Range | null): Promise<boolean> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no focus, or a policy): the copy command below may still work.
    }
  }
  const doc = range?.startContainer.ownerDocument;
  const selection = doc?.getSelection();
  if (!range || !doc || !selection) return false;
  const readerSelection = selection.rangeCount ? selection.getRangeAt(0) : null;
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return doc.execCommand('copy');
  } finally {
    selection.removeAllRanges();
    if (readerSelection) selection.addRange(readerSelection);
  }
}
