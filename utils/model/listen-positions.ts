/** Where listening stopped in one article: the sentence's index and its opening words. */
export interface ListenPosition {
  sentence: number;
  /** The sentence's first characters: the index alone goes stale if the article's text changes. */
  text: string;
  /** When it was saved (ms since epoch): the oldest positions are forgotten first. */
  at: number;
}

export type ListenPositions = Record<string, ListenPosition>;

/** Settings key of the positions of all articles. */
export const LISTEN_POSITIONS_KEY = 'listenPositions';
/** Positions kept: one per recently listened article. */
const KEEP = 200;
const PREFIX = 60;

export function positionOf(
  sentences: readonly { text: string }[],
  index: number,
  now: number,
): ListenPosition {
  return { sentence: index, text: sentences[index]?.text.slice(0, PREFIX) ?? '', at: now };
}

/**
 * The sentence to resume at: the saved index if that sentence still opens with the saved words,
 * else the sentence that does (nearest to the index), else the start.
 */
export function resumeIndex(
  sentences: readonly { text: string }[],
  saved: ListenPosition | undefined,
): number {
  if (!saved) return 0;
  const matches = (i: number) => sentences[i]?.text.slice(0, PREFIX) === saved.text;
  if (matches(saved.sentence)) return saved.sentence;
  let best = -1;
  for (let i = 0; i < sentences.length; i++)
    if (matches(i) && (best < 0 || Math.abs(i - saved.sentence) < Math.abs(best - saved.sentence))) best = i;
  return Math.max(best, 0);
}

/** The positions with `id`'s updated (or removed, with null), the oldest dropped beyond the limit. */
export function withPosition(
  positions: ListenPositions,
  id: string,
  position: ListenPosition | null,
): ListenPositions {
  const next = { ...positions };
  delete next[id];
  if (position) next[id] = position;
  const ids = Object.keys(next);
  if (ids.length > KEEP)
    for (const old of ids.sort((a, b) => next[a]!.at - next[b]!.at).slice(0, ids.length - KEEP))
      delete next[old];
  return next;
}

/** Reads back the stored positions, dropping any entry that is not a well-formed position. */
export function parsePositions(stored: unknown): ListenPositions {
  if (typeof stored !== 'object' || stored === null) return {};
  const out: ListenPositions = {};
  for (const [id, value] of Object.entries(stored as Record<string, unknown>)) {
    const p = value as Partial<ListenPosition> | null;
    if (
      p &&
      Number.isInteger(p.sentence) &&
      (p.sentence as number) >= 0 &&
      typeof p.text === 'string' &&
      typeof p.at === 'number'
    )
      out[id] = { sentence: p.sentence as number, text: p.text, at: p.at };
  }
  return out;
}
