/**
 * What the removal rules may ask about an element. Everything that walks the element's subtree is
 * computed on first use only: most elements are rejected on their signature and never pay for it.
 */
export class BlockFacts {
  readonly tag: string;
  private linkDensityCache = -1;

  constructor(
    readonly el: Element,
    /** Class names, id, role, aria-label and data-hook/testid/component, joined by spaces. */
    readonly signature: string,
    /** The collapsed text, when the caller already has it. */
    private textCache: string | null = null,
  ) {
    this.tag = el.localName;
  }

  /** The element's text, whitespace collapsed. */
  get text(): string {
    if (this.textCache === null) this.textCache = collapse(this.el.textContent ?? '');
    return this.textCache;
  }

  get textLength(): number {
    return this.text.length;
  }

  /** Share of the text that sits inside links (0 when there is no text). */
  get linkDensity(): number {
    if (this.linkDensityCache < 0) {
      const total = this.textLength;
      let linked = 0;
      if (total > 0) {
        for (const a of this.el.getElementsByTagName('a')) linked += collapse(a.textContent ?? '').length;
      }
      this.linkDensityCache = total > 0 ? Math.min(1, linked / total) : 0;
    }
    return this.linkDensityCache;
  }

  /** Kinds of form controls the element held before prepare removed them ("email textarea submit"). */
  get controls(): string {
    return this.el.getAttribute(FORM_MARK) ?? '';
  }

  /** Share of links that point inside the page: a table of contents or footnotes. */
  get fragmentLinkShare(): number {
    let all = 0;
    let fragments = 0;
    for (const a of this.el.getElementsByTagName('a')) {
      const href = a.getAttribute('href');
      if (href === null) continue;
      all++;
      if (href.startsWith('#')) fragments++;
    }
    return all ? fragments / all : 0;
  }
}

/** Attribute that prepare puts on the <div> that replaces a <form>, listing its control kinds. */
export const FORM_MARK = 'data-readmark-form';

/** `text` with runs of whitespace made one space, trimmed. */
export function collapse(text: string): string {
  // Most short texts have nothing to collapse; a test is cheaper than a replace that copies.
  return MESSY_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

const MESSY_WHITESPACE = /\s\s|[^\S ]/;
