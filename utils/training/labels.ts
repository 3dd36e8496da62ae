/**
 * Labels blocks by matching them to the reviewed main text of their page: a block is content (1)
 * when at least half of its 4-token shingles occur in the answer, or, for a block too short to
 * have shingles (a heading, a table cell, a list item), when its tokens occur in the answer as a
 * run. Case is ignored; the answer's line breaks are not (a run never spans two answer blocks).
 */
import { SHINGLE_SIZE, tokenize } from './metric';

const MATCH_SHARE = 0.5;

const lowerTokens = (text: string) => tokenize(text.toLowerCase());

export function blockLabels(blockTexts: readonly string[], mainContent: string): (0 | 1)[] {
  const lines = mainContent
    .split('\n')
    .map(lowerTokens)
    .filter((tokens) => tokens.length);
  const shingleSet = new Set<string>();
  for (const tokens of lines)
    for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++)
      shingleSet.add(tokens.slice(i, i + SHINGLE_SIZE).join(' '));
  const joined = lines.map((tokens) => ` ${tokens.join(' ')} `).join('\n');
  return blockTexts.map((text) => {
    const tokens = lowerTokens(text);
    if (tokens.length === 0) return 0;
    if (tokens.length < SHINGLE_SIZE) return joined.includes(` ${tokens.join(' ')} `) ? 1 : 0;
    let hits = 0;
    const total = tokens.length - SHINGLE_SIZE + 1;
    for (let i = 0; i < total; i++) if (shingleSet.has(tokens.slice(i, i + SHINGLE_SIZE).join(' '))) hits++;
    return hits / total >= MATCH_SHARE ? 1 : 0;
  });
}
