/**
 * Splits the text of one JSON object, as it streams in, into its top-level fields and, for the keys
 * named as lists, into the list's elements one by one: a backup of gigabytes is never one string,
 * only one record at a time is. Each piece is parsed by JSON.parse (own properties only); the
 * grammar between pieces (braces, brackets, commas, colons) is checked here.
 */

export type JsonPiece =
  /** A top-level field; `value` is undefined when it was larger than the piece cap (`oversized`). */
  | { kind: 'field'; key: string; value: unknown; oversized: boolean }
  /** One element of a list field (a key given in `listKeys` whose value is an array). */
  | { kind: 'element'; key: string; index: number; value: unknown; oversized: boolean }
  | { kind: 'list-end'; key: string };

/** The text is not JSON; `message` says where. */
export class JsonSyntaxError extends Error {}

/** The text starts as JSON, but not as an object. */
export class JsonNotAnObjectError extends Error {}

type State =
  | 'start'
  | 'first-key'
  | 'key'
  | 'colon'
  | 'value'
  | 'after-value'
  | 'list-first'
  | 'list-next'
  | 'after-element'
  | 'done';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
/** Characters a number, true, false or null is made of. */
const SCALAR = /[-+.0-9a-zA-Z]/;

/** Where `char` next occurs in `text` from `from`, or the text's length. */
function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

export class JsonPieces {
  private state: State = 'start';
  /** Characters consumed before the current chunk (for error positions). */
  private offset = 0;
  private key = '';
  private listIndex = 0;
  // The value being scanned: its text so far (unless over the cap), nesting, and string state.
  private scanning: 'key' | 'value' | 'element' | null = null;
  private parts: string[] = [];
  private size = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  /** The value's first character is still to be read. */
  private fresh = false;

  constructor(
    private readonly listKeys: ReadonlySet<string>,
    /** A piece longer than this (in characters) is not kept: it is reported `oversized`. */
    private readonly maxPiece: number,
  ) {}

  /** Feeds the next chunk of text; answers the pieces it completed, in order. */
  push(chunk: string): JsonPiece[] {
    const out: JsonPiece[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.scanning) {
        const end = this.scan(chunk, i);
        this.keep(chunk, i, end === -1 ? chunk.length : end);
        if (end === -1) break;
        i = end;
        this.finishPiece(out);
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (WHITESPACE.has(code)) {
        i++;
        continue;
      }
      const char = chunk[i] as string;
      switch (this.state) {
        case 'start':
          if (/^(["[\-0-9]|true|false|null)/.test(chunk.slice(i, i + 5))) throw new JsonNotAnObjectError();
          if (char !== '{') this.fail(char, i, '{');
          this.state = 'first-key';
          i++;
          break;
        case 'first-key':
          if (char === '}') {
            this.state = 'done';
            i++;
            break;
          }
          this.beginKey(char, i);
          break;
        case 'key':
          this.beginKey(char, i);
          break;
        case 'colon':
          if (char !== ':') this.fail(char, i, ':');
          this.state = 'value';
          i++;
          break;
        case 'value':
          if (char === '[' && this.listKeys.has(this.key)) {
            this.state = 'list-first';
            this.listIndex = 0;
            i++;
          } else this.begin('value');
          break;
        case 'after-value':
          if (char === ',') this.state = 'key';
          else if (char === '}') this.state = 'done';
          else this.fail(char, i, ', or }');
          i++;
          break;
        case 'list-first':
          if (char === ']') {
            out.push({ kind: 'list-end', key: this.key });
            this.state = 'after-value';
            i++;
          } else this.begin('element');
          break;
        case 'list-next':
          if (char === ']') this.fail(char, i, 'a value');
          this.begin('element');
          break;
        case 'after-element':
          if (char === ',') this.state = 'list-next';
          else if (char === ']') {
            out.push({ kind: 'list-end', key: this.key });
            this.state = 'after-value';
          } else this.fail(char, i, ', or ]');
          i++;
          break;
        case 'done':
          this.fail(char, i, 'the end of the file');
      }
    }
    this.offset += chunk.length;
    return out;
  }

  /** True once the object's closing brace has been read. */
  get complete(): boolean {
    return this.state === 'done';
  }

  private beginKey(char: string, at: number) {
    if (char !== '"') this.fail(char, at, 'a quoted key');
    this.begin('key');
  }

  private begin(what: 'key' | 'value' | 'element') {
    this.scanning = what;
    this.parts = [];
    this.size = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = false;
    this.fresh = true;
  }

  /**
   * Scans the current value from `from`: answers the index just past its end, or -1 when it goes
   * on into the next chunk. A value is a string, an object or array (brackets counted outside
   * strings), or a scalar (ended by the first character that cannot belong to it).
   */
  private scan(chunk: string, from: number): number {
    let i = from;
    if (this.fresh) {
      this.fresh = false;
      const first = chunk.charCodeAt(i);
      if (first === QUOTE) this.inString = true;
      else if (first === 0x7b || first === 0x5b) this.depth = 1;
      else this.scalar = true;
      if (!this.scalar) i++;
    }
    if (this.scalar) {
      while (i < chunk.length && SCALAR.test(chunk[i] as string)) i++;
      return i < chunk.length ? i : -1;
    }
    // Inside strings (most of a backup) jump to the next quote or backslash with indexOf, which
    // runs natively; the positions found are kept until the scan passes them.
    let quote = -1;
    let backslash = -1;
    for (; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        if (quote < i) quote = indexOrEnd(chunk, '"', i);
        if (backslash < i) backslash = indexOrEnd(chunk, '\\', i);
        i = Math.min(quote, backslash);
        if (i === chunk.length) break;
        if (i === backslash) this.escaped = true;
        else {
          this.inString = false;
          if (this.depth === 0) return i + 1;
        }
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (code === QUOTE) this.inString = true;
      else if (code === 0x7b || code === 0x5b) this.depth++;
      else if (code === 0x7d || code === 0x5d) {
        this.depth--;
        if (this.depth === 0) return i + 1;
      }
    }
    return -1;
  }

  private keep(chunk: string, from: number, to: number) {
    this.size += to - from;
    if (this.size > this.maxPiece) this.parts = [];
    else this.parts.push(chunk.slice(from, to));
  }

  private finishPiece(out: JsonPiece[]) {
    const what = this.scanning;
    this.scanning = null;
    const oversized = this.size > this.maxPiece;
    const text = oversized ? '' : this.parts.join('');
    this.parts = [];
    let value: unknown;
    if (!oversized) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new JsonSyntaxError(`${(error as Error).message} near character ${this.offset}`);
      }
    }
    if (what === 'key') {
      if (oversized) throw new JsonSyntaxError('a key longer than the largest record');
      this.key = value as string;
      this.state = 'colon';
    } else if (what === 'value') {
      out.push({ kind: 'field', key: this.key, value, oversized });
      this.state = 'after-value';
    } else {
      out.push({ kind: 'element', key: this.key, index: this.listIndex++, value, oversized });
      this.state = 'after-element';
    }
  }

  private fail(char: string, at: number, expected: string): never {
    throw new JsonSyntaxError(
      `unexpected ${JSON.stringify(char)} at character ${this.offset + at}, expected ${expected}`,
    );
  }
}
