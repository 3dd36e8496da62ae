import { isSpaceCode, walkText } from '@/utils/model';

/**
 * The text of a root element as anchoring sees it, with an exact way back to the DOM.
 *
 * `text` is the rendered-ish text: the text nodes `walkText` reports (utils/model: the walker
 * extraction's block text uses too), with every run of whitespace (including the block edges it
 * reports) collapsed to one space and no space at either end. So the reader copy and the live page's
 * article region give the same text even when their markup and source whitespace differ.
 *
 * Each character of `text` remembers its "raw" position: its offset in the concatenation of the
 * model's text nodes. Raw positions map to (Text node, offset) points and back exactly.
 * The model is a snapshot: rebuild it after the DOM changes.
 */
export interface TextModel {
  readonly root: Node;
  readonly doc: Document;
  readonly text: string;
  /** Text nodes that contribute to `text`, in document order (never empty ones). */
  readonly nodes: readonly Text[];
  /** Raw start of each node; one extra entry holds the total raw length. */
  readonly nodeStarts: Int32Array;
  /** Raw position of each character of `text` (non-decreasing). */
  readonly rawPos: Int32Array;
  /** 1 where a character of `text` stands for a block edge and has no character in the DOM. */
  readonly virtual: Uint8Array;
  readonly nodeIndex: ReadonlyMap<Node, number>;
}

/** Collapses runs of whitespace to one space, as the text model does (ends are kept). */
export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** Growable output buffers for the normalised text. */
class TextBuffer {
  codes = new Uint16Array(1024);
  raw = new Int32Array(1024);
  virtual = new Uint8Array(1024);
  length = 0;

  push(code: number, rawPos: number, isVirtual: boolean): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.raw[this.length] = rawPos;
    this.virtual[this.length] = isVirtual ? 1 : 0;
    this.length++;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const raw = new Int32Array(size);
    raw.set(this.raw);
    const virtual = new Uint8Array(size);
    virtual.set(this.virtual);
    this.codes = codes;
    this.raw = raw;
    this.virtual = virtual;
  }

  toText(): string {
    let text = '';
    // fromCharCode.apply takes a bounded argument list: decode in chunks.
    for (let i = 0; i < this.length; i += 8192) {
      const chunk = this.codes.subarray(i, Math.min(this.length, i + 8192));
      text += String.fromCharCode.apply(null, chunk as unknown as number[]);
    }
    return text;
  }
}

/** Builds the text model of `root` (an element, fragment or whole Document). */
export function buildTextModel(root: Node): TextModel {
  // Every node but a Document has an owner document (DOM standard); a Document is its own.
  const doc = root.ownerDocument ?? (root as Document);
  const out = new TextBuffer();
  const nodes: Text[] = [];
  const starts: number[] = [];
  let raw = 0;
  // A space is owed before the next visible character; `pendingRaw` is where it stands.
  let pending = false;
  let pendingRaw = 0;
  let pendingVirtual = false;
  const blockEdge = () => {
    if (pending) return;
    pending = true;
    pendingRaw = raw;
    pendingVirtual = true;
  };
  const addText = (node: Text) => {
    const data = node.data;
    if (data.length === 0) return;
    nodes.push(node);
    starts.push(raw);
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (isSpaceCode(c)) {
        if (!pending) {
          pending = true;
          pendingRaw = raw + i;
          pendingVirtual = false;
        }
        continue;
      }
      if (pending && out.length > 0) out.push(32, pendingRaw, pendingVirtual);
      pending = false;
      out.push(c, raw + i, false);
    }
    raw += data.length;
  };

  walkText(root, { text: addText, blockEdge });
  starts.push(raw);

  return {
    root,
    doc,
    text: out.toText(),
    nodes,
    nodeStarts: Int32Array.from(starts),
    rawPos: out.raw.slice(0, out.length),
    virtual: out.virtual.slice(0, out.length),
    nodeIndex: new Map(nodes.map((n, i) => [n, i])),
  };
}
