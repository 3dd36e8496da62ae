/**
 * `npx tsx utils/training/audit-rules.ts`: what each removal rule (utils/extraction/removal-rules.ts,
 * plus prepare's hidden-element removal) takes out of the TRAIN pages: how many pages it fires
 * on, how much of what it removes is the reviewed main content (a loss) or not (boilerplate
 * caught), and how many "with" snippets it deletes against "without" snippets it catches.
 * Runs prepare only (no Readability), so it is a per-rule audit of the removals, not a full
 * re-run of the pipeline without the rule.
 */
import { parsePage, preparedRemovals } from '@/utils/extraction';
import { loadTruth, readPageHtml } from './corpus';
import { blockLabels } from './labels';
import { snippetForm } from './metric';
import { loadSplit, partOf } from './split';

interface RuleStats {
  pages: Set<string>;
  contentChars: number;
  otherChars: number;
  withLost: number;
  withoutCaught: number;
}

const split = loadSplit();
const stats = new Map<string, RuleStats>();
const pages = loadTruth().filter((page) => partOf(page, split) === 'train');
for (const page of pages) {
  let removals: { rule: string; el: Element }[];
  try {
    removals = preparedRemovals(parsePage(readPageHtml(page.id)), page.url);
  } catch {
    continue;
  }
  for (const { rule, el } of removals) {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const entry = stats.get(rule) ?? {
      pages: new Set(),
      contentChars: 0,
      otherChars: 0,
      withLost: 0,
      withoutCaught: 0,
    };
    entry.pages.add(page.id);
    const [label] = blockLabels([text], page.main_content);
    if (label) entry.contentChars += text.length;
    else entry.otherChars += text.length;
    const form = snippetForm(text);
    entry.withLost += page.with.filter((snippet) => form.includes(snippetForm(snippet))).length;
    entry.withoutCaught += page.without.filter((snippet) => form.includes(snippetForm(snippet))).length;
    stats.set(rule, entry);
  }
}
console.log(`Removal rules on ${pages.length} train pages (prepare only):`);
console.log('  rule              pages  removed chars  content share  "with" lost  "without" caught');
for (const [rule, s] of [...stats].sort(([a], [b]) => a.localeCompare(b))) {
  const total = s.contentChars + s.otherChars;
  console.log(
    `  ${rule.padEnd(17)} ${String(s.pages.size).padStart(5)}  ${String(total).padStart(13)}  ${((100 * s.contentChars) / Math.max(1, total)).toFixed(1).padStart(12)}%  ${String(s.withLost).padStart(11)}  ${String(s.withoutCaught).padStart(16)}`,
  );
}
