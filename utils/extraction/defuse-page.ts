import { FORM_MARK } from './block-facts';

/**
 * First step of the pipeline (preparePage): makes forms safe to walk. In a real DOM a page can clobber DOM properties
 * by naming things: `<input name="parentNode">` shadows `form.parentNode` (Readability then loops
 * forever), `<input name="tagName">` makes it throw. So, before anyone walks the tree, every
 * <form> becomes a <div> with the same class/id/role and a FORM_MARK attribute listing the kinds
 * of controls it held (the rules still see "a form with an e-mail box"), and its controls go
 * (Readability drops them from the article anyway). Form and document properties are read from
 * their prototypes, which a page cannot shadow. Controls outside forms and names that reach into
 * `document` (img/iframe/embed/object) are dealt with by prepare's walk: see `isDefused`.
 */
export function defusePage(doc: Document): void {
  const forms = [...safeCall<HTMLCollectionOf<Element>>(doc, 'getElementsByTagName', 'form')];
  for (const form of forms) replaceForm(doc, form);
}

/**
 * For prepare's walk, which must call it on every element before Readability runs: removes form
 * controls and drops names that shadow `document` properties. True when `el` was removed.
 */
export function isDefused(el: Element): boolean {
  if (CONTROL_TAGS.has(el.localName)) {
    el.remove();
    return true;
  }
  if (NAMED_TAGS.has(el.localName)) el.removeAttribute('name');
  return false;
}

const CONTROLS = 'input, textarea, select, button, output, datalist, keygen, object, embed';
const CONTROL_TAGS = new Set(CONTROLS.split(', '));
// <img name="body"> would shadow document.body, and so on, in a real DOM.
const NAMED_TAGS = new Set(['img', 'iframe', 'fieldset', 'form']);
const KEPT_ATTRIBUTES = ['class', 'id', 'role', 'aria-label', 'data-hook', 'data-testid', 'style', 'hidden'];

function replaceForm(doc: Document, form: Element): void {
  const div = doc.createElement('div');
  for (const name of KEPT_ATTRIBUTES) {
    const value = safeCall<string | null>(form, 'getAttribute', name);
    if (value !== null) div.setAttribute(name, value);
  }
  const kinds = new Set<string>();
  const descendants = [...safeCall<HTMLCollectionOf<Element>>(form, 'getElementsByTagName', '*')];
  for (const control of descendants.filter((el) => CONTROL_TAGS.has(el.localName))) {
    kinds.add(controlKind(control));
    control.remove();
  }
  div.setAttribute(FORM_MARK, [...kinds].join(' ') || 'none');
  for (let child = safeGet<Node | null>(form, 'firstChild'); child; child = safeGet(form, 'firstChild')) {
    div.appendChild(child);
  }
  safeCall(form, 'replaceWith', div);
}

function controlKind(control: Element): string {
  const tag = control.localName;
  if (tag !== 'input') return tag === 'button' ? 'submit' : tag;
  const type = (control.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'email' || /e-?mail/i.test(control.getAttribute('name') ?? '')) return 'email';
  return type === 'submit' || type === 'image' ? 'submit' : type;
}

/** Reads `name` from the object's prototype chain, never from the (clobberable) object itself. */
export function safeGet<T>(obj: object, name: string): T {
  for (let proto = Object.getPrototypeOf(obj); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return (descriptor.get ? descriptor.get.call(obj) : descriptor.value) as T;
  }
  throw new Error(`DOM property ${name} not found`);
}

/** Calls method `name` as found on the object's prototype chain (see safeGet). */
export function safeCall<T>(obj: object, name: string, ...args: unknown[]): T {
  return (safeGet<(...a: unknown[]) => T>(obj, name) as (...a: unknown[]) => T).apply(obj, args);
}
