import type { ExtractedArticle, Result } from '@/utils/model';

/** The whole article of a preview extraction (PreviewExtraction.complete), held for its popup. */
type Complete = () => Promise<Result<ExtractedArticle>>;

export interface HeldExtractions {
  /** Holds an extraction's rest; answers the ticket its popup asks for it with. */
  hold(complete: Complete): string;
  /** The held rest, once: the ticket is forgotten. Undefined for a ticket never given, taken, or let go. */
  take(ticket: string): Complete | undefined;
}

/**
 * The offscreen document's extractions between the popup's two questions (offscreenPreview, then
 * offscreenComplete after the popup's first paint). A popup closed in between never asks, so what
 * is held is let go after `ttlMs`, and beyond `limit` the oldest first; a popup that asks too late
 * extracts its capture again in a Worker of its own.
 */
export function createHeldExtractions({ limit = 8, ttlMs = 60_000 } = {}): HeldExtractions {
  const held = new Map<string, { complete: Complete; timer: ReturnType<typeof setTimeout> }>();
  const forget = (ticket: string) => {
    const entry = held.get(ticket);
    if (entry) clearTimeout(entry.timer);
    held.delete(ticket);
    return entry?.complete;
  };
  return {
    hold(complete) {
      // A Map keeps insertion order: its first key is the oldest.
      while (held.size >= limit) forget(held.keys().next().value!);
      const ticket = crypto.randomUUID();
      held.set(ticket, { complete, timer: setTimeout(() => forget(ticket), ttlMs) });
      return ticket;
    },
    take: forget,
  };
}
