import { type ReaderSettings, resolveTheme } from './reader-settings';

/**
 * Paints the settings on the page root: theme and font as data attributes (reader.css maps them
 * to colours and font stacks), the numbers as CSS custom properties. Set through the CSSOM, which
 * the extension's CSP allows; no inline style attribute is written into the markup.
 */
export function applyReaderSettings(root: HTMLElement, settings: ReaderSettings, systemDark: boolean): void {
  root.dataset.theme = resolveTheme(settings.theme, systemDark);
  root.dataset.font = settings.font;
  root.style.setProperty('--reader-font-size', `${settings.fontSize}px`);
  root.style.setProperty('--reader-line-height', String(settings.lineHeight));
  root.style.setProperty('--reader-measure', `${settings.width}ch`);
  root.style.setProperty('--reader-letter-spacing', `${settings.letterSpacing}em`);
  root.style.setProperty('--reader-word-spacing', `${settings.wordSpacing}em`);
  root.style.setProperty('--reader-paragraph-spacing', `${settings.paragraphSpacing}em`);
  root.style.setProperty('--focus-dim', String(settings.focusDim));
}
