/**
 * Keeps Readmark's in-page UI visible and in the reader's hands on a hostile page (issue 12).
 * - The host's own style attribute resets every property with !important: an inline !important
 *   declaration wins over any page rule, layered or not, so page CSS cannot hide or restyle it.
 * - The host is a manual popover shown at once: the top layer paints above every z-index and
 *   overlay of the page, and ancestors' transforms, filters or opacity do not reach it.
 * - A MutationObserver puts the style, the popover and the host itself back if a page script
 *   changes or removes them; hidePopover() is undone on its toggle event.
 * - Events a page script makes (isTrusted false) are stopped at the shadow root before any
 *   button sees them.
 * What a page can still do: open its own popover or modal dialog later (above ours until we
 * raise again: raiseHost runs whenever the toolbar opens), or remove and re-add its whole document.
 */
export const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: absolute',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: visible',
  'visibility: visible',
  'opacity: 1',
  'z-index: 2147483647',
  'pointer-events: auto',
  'background: transparent',
]
  .map((rule) => `${rule} !important;`)
  .join(' ');

const GUARDED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'submit',
] as const;

const isOpen = (host: HTMLElement) => {
  try {
    return host.matches(':popover-open');
  } catch {
    return true; // No popover support (older engines, unit-test DOMs): nothing to re-open.
  }
};

/** Puts the host in the top layer, above everything the page showed before. */
export function raiseHost(host: HTMLElement) {
  if (typeof host.showPopover !== 'function' || !host.isConnected) return;
  if (isOpen(host)) host.hidePopover();
  host.showPopover();
}

/** Applies and keeps the host's defences; answers a function that stops them (for unmounting). */
export function guardHost(host: HTMLElement, shadow: ShadowRoot): () => void {
  const doc = host.ownerDocument;
  const stopUntrusted = (event: Event) => {
    if (event.isTrusted) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  for (const type of GUARDED_EVENTS) shadow.addEventListener(type, stopUntrusted, true);

  const assert = () => {
    if (!host.isConnected) doc.documentElement.append(host);
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    if (typeof host.showPopover === 'function') {
      if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
      if (!isOpen(host)) host.showPopover();
    }
  };
  assert();
  const onToggle = () => queueMicrotask(assert);
  host.addEventListener('toggle', onToggle);
  const watch = new MutationObserver(assert);
  watch.observe(host, { attributes: true });
  watch.observe(doc.documentElement, { childList: true });
  return () => {
    watch.disconnect();
    host.removeEventListener('toggle', onToggle);
    for (const type of GUARDED_EVENTS) shadow.removeEventListener(type, stopUntrusted, true);
  };
}
