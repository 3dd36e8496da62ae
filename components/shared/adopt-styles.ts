/**
 * Adds CSS to a document or shadow root. Constructed sheets (adoptedStyleSheets) need no <style>
 * element, so they leave a web page's DOM alone and no page CSP blocks them; where they are
 * missing (older engines, jsdom in tests) a <style> element does the job.
 */
export function adoptStyles(target: Document | ShadowRoot, css: string): void {
  const doc = target instanceof Document ? target : target.ownerDocument;
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  if (Sheet && Array.isArray(target.adoptedStyleSheets) && 'replaceSync' in Sheet.prototype) {
    const sheet = new Sheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return;
  }
  const style = doc.createElement('style');
  style.textContent = css;
  (target instanceof Document ? (target.head ?? target.documentElement) : target).append(style);
}
