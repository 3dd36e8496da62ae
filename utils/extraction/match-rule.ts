import { BlockFacts, collapse } from './block-facts';
import { REMOVAL_RULES, type RemovalRule } from './removal-rules';

const DEFAULT_MAX_TEXT = 120;
// Quick rejects, so that most elements cost one regex test per kind of rule.
const ANY_SIGNATURE = new RegExp(
  REMOVAL_RULES.flatMap((r) => (r.signature ? [r.signature.source] : [])).join('|'),
  'i',
);
const ANY_TEXT = new RegExp(REMOVAL_RULES.flatMap((r) => (r.text ? [r.text.source] : [])).join('|'), 'i');
const LONGEST_TEXT = Math.max(...REMOVAL_RULES.map((r) => (r.text ? (r.maxText ?? DEFAULT_MAX_TEXT) : 0)));

// Never removed by any rule: real content by its nature.
const PROTECTED_TAGS = new Set(['h1', 'table', 'pre', 'code', 'blockquote', 'math', 'svg', 'body', 'main']);
const PROTECTED_SIGNATURE =
  /correction|editors?-note|pull-?quote|table-of-contents|(?:^|[-_\s])toc(?:[-_\s]|$)/i;
// Elements whose whole text is a candidate for label rules: small, leaf-like blocks.
const LABEL_MAX_CHILDREN = 4;

export interface RuleMatch {
  rule: RemovalRule;
  /** The element to remove: the matched one, or the widget around a matched label. */
  target: Element;
  facts: BlockFacts;
}

/**
 * The first rule that removes `el`, or null. `bodyTextLength` guards the article itself: a block
 * holding half the page's text is never boilerplate, whatever its classes say.
 */
export function matchRule(el: Element, signature: string, bodyTextLength: number): RuleMatch | null {
  const tag = el.localName;
  if (PROTECTED_TAGS.has(tag)) return null;
  const facts = new BlockFacts(el, signature);
  const signatureHit = signature !== '' && ANY_SIGNATURE.test(signature);
  if (signatureHit && PROTECTED_SIGNATURE.test(signature)) return null;
  const textCandidate = el.childElementCount <= LABEL_MAX_CHILDREN && hasShortText(el);
  const textHit = textCandidate && ANY_TEXT.test(facts.text);
  const structural = el.hasAttribute('data-readmark-form') || tag === 'nav';
  if (!signatureHit && !textHit && !structural) return null;
  for (const rule of REMOVAL_RULES) {
    if (rule.tags && !rule.tags.includes(tag)) continue;
    if (rule.signature && !(signatureHit && rule.signature.test(signature))) continue;
    if (
      rule.text &&
      !(textHit && facts.textLength <= (rule.maxText ?? DEFAULT_MAX_TEXT) && rule.text.test(facts.text))
    )
      continue;
    if (rule.when && !rule.when(facts)) continue;
    const target = rule.climb ? climbToWidget(el, facts.textLength) : el;
    const targetFacts = target === el ? facts : new BlockFacts(target, '');
    if (isArticleContent(targetFacts, bodyTextLength)) continue;
    return { rule, target, facts: targetFacts };
  }
  return null;
}

/** Cheap upper bound on text length, without serialising a large subtree. */
function hasShortText(el: Element): boolean {
  const text = el.textContent ?? '';
  return text.length <= LONGEST_TEXT * 4 && collapse(text).length <= LONGEST_TEXT;
}

// A widget around a label holds little prose of its own: mostly links, at most a short blurb.
const WIDGET_MAX_OWN_TEXT = 160;

/** From a label ("RELATED STORIES", "Share this:") up to the widget it names. */
function climbToWidget(label: Element, labelLength: number): Element {
  let widget = label;
  for (let parent = label.parentElement; parent; parent = parent.parentElement) {
    if (PROTECTED_TAGS.has(parent.localName) || parent.localName === 'article') break;
    const facts = new BlockFacts(parent, '');
    if (facts.textLength > 1500) break;
    const ownText = facts.textLength * (1 - facts.linkDensity) - labelLength;
    if (ownText > WIDGET_MAX_OWN_TEXT) break;
    if (parent.querySelector('p, h1, h2, h3, table, pre, blockquote, figure') && facts.linkDensity < 0.5)
      break;
    widget = parent;
  }
  return widget;
}

function isArticleContent(facts: BlockFacts, bodyTextLength: number): boolean {
  if (facts.textLength > 0.5 * bodyTextLength && facts.textLength > 500) return true;
  // An in-page table of contents (or footnotes): its links stay on the page.
  if (facts.fragmentLinkShare > 0.6) return true;
  return facts.el.querySelector('h1, [itemprop="articleBody"], .entry-content, .post-content') !== null;
}
