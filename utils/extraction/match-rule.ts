import { BlockFacts, collapse, FORM_MARK } from './block-facts';
import { REMOVAL_RULES, type RemovalRule } from './removal-rules';
import { someElement } from './walk-elements';

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
  const signatureHit = signature !== '' && ANY_SIGNATURE.test(signature);
  if (signatureHit && PROTECTED_SIGNATURE.test(signature)) return null;
  const shortText = shortTextOf(el);
  const textHit = shortText !== null && ANY_TEXT.test(shortText);
  const structural = tag === 'nav' || el.hasAttribute(FORM_MARK);
  if (!signatureHit && !textHit && !structural) return null;
  const facts = new BlockFacts(el, signature, shortText);
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

// Past this much raw text (indentation included) or this many nodes a block is no label.
const RAW_TEXT_BUDGET = LONGEST_TEXT * 4;
const NODE_BUDGET = 48;

/**
 * The element's collapsed text when it is short enough for the label rules, else null. Walks the
 * subtree only until a budget runs out, so wrappers around the whole page cost a few nodes.
 */
function shortTextOf(el: Element): string | null {
  let text = '';
  let nodes = 0;
  let node: Node | null = el.firstChild;
  while (node) {
    if (++nodes > NODE_BUDGET) return null;
    if (node.nodeType === 3) {
      text += (node as Text).data;
      if (text.length > RAW_TEXT_BUDGET) return null;
    }
    if (node.firstChild && node.nodeType === 1) node = node.firstChild;
    else {
      while (node && node !== el && !node.nextSibling) node = node.parentNode;
      node = node && node !== el ? node.nextSibling : null;
    }
  }
  const collapsed = collapse(text);
  return collapsed.length <= LONGEST_TEXT ? collapsed : null;
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
    if (facts.linkDensity < 0.5 && someElement(parent, (el) => PROSE_TAGS.has(el.localName))) break;
    widget = parent;
  }
  return widget;
}

const PROSE_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'table', 'pre', 'blockquote', 'figure']);
const ARTICLE_BODY_CLASS = /(?:^|\s)(?:entry-content|post-content)(?:\s|$)/;

function isArticleContent(facts: BlockFacts, bodyTextLength: number): boolean {
  if (facts.textLength > 0.5 * bodyTextLength && facts.textLength > 500) return true;
  // An in-page table of contents (or footnotes): its links stay on the page.
  if (facts.fragmentLinkShare > 0.6) return true;
  return someElement(
    facts.el,
    (el) =>
      el.localName === 'h1' ||
      el.getAttribute('itemprop') === 'articleBody' ||
      ARTICLE_BODY_CLASS.test(el.getAttribute('class') ?? ''),
  );
}
