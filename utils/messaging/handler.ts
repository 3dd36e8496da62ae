import * as v from 'valibot';
import { err, errorFromThrown, fail, type Result } from '@/utils/model';

/** Who sent a message: our content script in a web page, one of our extension pages, or anyone else. */
export type SenderKind = 'page' | 'extension' | 'foreign';

/** The parts of a runtime.MessageSender that the checks use (all filled in by the browser, not the page). */
export interface SenderInfo {
  id?: string;
  /** The sending document's URL. */
  url?: string;
  /** The sender's tab; its `url` is the address the tab shows, the page identity handlers bind to. */
  tab?: { id?: number; url?: string };
}

/** The identity of this extension, against which senders are checked. */
export interface Self {
  id: string;
  /** Origin of our extension pages, e.g. `chrome-extension://<id>`. */
  origin: string;
}

export function classifySender(sender: SenderInfo, self: Self): SenderKind {
  if (sender.id !== self.id) return 'foreign';
  // Compared as text: URL.origin is "null" for chrome-extension: and moz-extension: in some runtimes.
  if (sender.url?.startsWith(`${self.origin}/`)) return 'extension';
  return sender.tab ? 'page' : 'foreign';
}

type Schemas = Record<string, v.GenericSchema>;
type Payloads<S extends Schemas> = { [K in keyof S]: v.InferOutput<S[K]> };

export interface HandlerSpec<S extends Schemas, A extends { [K in keyof S]: unknown }> {
  schemas: S;
  /** Which sender kinds may send each message type. */
  allowed: { [K in keyof S]: readonly SenderKind[] };
  handlers: {
    [K in keyof S]: (payload: Payloads<S>[K], sender: SenderInfo, kind: SenderKind) => Promise<Result<A[K]>>;
  };
}

const envelope = v.strictObject({ type: v.string(), payload: v.unknown() });

/**
 * Builds the one function that answers every message of a direction: checks the envelope, the
 * sender and the payload before the handler runs, and turns anything thrown into an error value
 * (thrown errors do not cross the messaging boundary).
 */
export interface MessageHandler {
  (message: unknown, sender: SenderInfo): Promise<Result<unknown>>;
  /**
   * Whether this handler answers this message. Several extension contexts (background, offscreen
   * document) hear the same runtime message; a context must stay silent on messages that are not
   * its own, or its "unknown type" answer could win the race against the real one.
   */
  accepts(message: unknown): boolean;
}

export function createHandler<S extends Schemas, A extends { [K in keyof S]: unknown }>(
  spec: HandlerSpec<S, A>,
  self: Self,
): MessageHandler {
  const accepts = (message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    return typeof type === 'string' && Object.hasOwn(spec.schemas, type);
  };
  const handle = async (message: unknown, sender: SenderInfo): Promise<Result<unknown>> => {
    const parsed = v.safeParse(envelope, message);
    if (!parsed.success) return err('message-malformed');
    const { type, payload } = parsed.output;
    if (!Object.hasOwn(spec.schemas, type)) return err('message-unknown', { type });
    const kind = classifySender(sender, self);
    if (!spec.allowed[type]?.includes(kind)) return err('message-not-allowed', { type });
    // valibot's object schemas accept arrays; a payload is always a plain object.
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return err('message-invalid', { type, detail: 'the payload is not an object' });
    }
    const checked = v.safeParse(spec.schemas[type] as v.GenericSchema, payload);
    if (!checked.success) {
      const issue = checked.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join('.') || 'payload';
      return err('message-invalid', { type, detail: `${path}: ${issue.message}` });
    }
    try {
      return await spec.handlers[type as keyof S](checked.output as Payloads<S>[keyof S], sender, kind);
    } catch (error) {
      return fail(errorFromThrown(error));
    }
  };
  return Object.assign(handle, { accepts });
}
