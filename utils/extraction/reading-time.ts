// Silent reading speeds: about 230 words a minute for languages written with spaces, and about
// 300 characters a minute for Chinese and Japanese (Trauzettel-Klosinski et al. 2012), which have
// no spaces to count words by. Korean is written with spaces and counts as words.
const WORDS_PER_MINUTE = 230;
const CJK_CHARACTERS_PER_MINUTE = 300;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

export interface ReadingMeasure {
  /** Words, counting each Chinese/Japanese character as one. */
  wordCount: number;
  /** At least 1. */
  readingTimeMinutes: number;
}

/** Counts words and estimates reading time, by characters for Chinese and Japanese text. */
export function measureReading(text: string): ReadingMeasure {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = cjk ? text.replace(CJK, ' ') : text;
  const words = rest.match(WORD)?.length ?? 0;
  const minutes = words / WORDS_PER_MINUTE + cjk / CJK_CHARACTERS_PER_MINUTE;
  return { wordCount: words + cjk, readingTimeMinutes: Math.max(1, Math.round(minutes)) };
}
