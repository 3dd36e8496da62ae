/**
 * Calls `visit` on every element under `root` in document order, iteratively (deep trees cannot
 * overflow the stack) and without CSS selectors (linkedom compiles a selector on every call).
 * `visit` may remove the element it is given; it returns false to skip the element's subtree.
 */
export function walkElements(root: Element, visit: (el: Element) => boolean): void {
  let el: Element | null = root.firstElementChild;
  while (el) {
    const nextSibling: Element | null = el.nextElementSibling;
    const parent: Element | null = el.parentElement;
    const descend = visit(el) && el.parentElement === parent;
    if (descend && el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    el = nextSibling;
    for (let up = parent; !el && up && up !== root; up = up.parentElement) el = up.nextElementSibling;
  }
}

/** Whether some element under `root` passes `test`. */
export function someElement(root: Element, test: (el: Element) => boolean): boolean {
  let found = false;
  walkElements(root, (el) => {
    found ||= test(el);
    return !found;
  });
  return found;
}

/**
 * Whether some text node under `root` passes `test`, in document order, stopping at the first.
 * Cheaper than testing `root.textContent` where the answer comes early: nothing is joined.
 */
export function someText(root: Node, test: (text: string) => boolean): boolean {
  let node: Node | null = root.firstChild;
  while (node) {
    // Text and CDATA: the nodes textContent joins.
    if ((node.nodeType === 3 || node.nodeType === 4) && test((node as CharacterData).data)) return true;
    if (node.firstChild) node = node.firstChild;
    else {
      while (node && node !== root && !node.nextSibling) node = node.parentNode;
      node = node && node !== root ? node.nextSibling : null;
    }
  }
  return false;
}
