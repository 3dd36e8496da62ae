import { BlockFacts, collapse, FORM_MARK } from './block-facts';
import { REMOVAL_RULES, type RemovalRule } from './removal-rules';
import { someElement } from './walk-elements';

const DEFAULT_MAX_TEXT = 120;
// Quick rejects, so that most elements cost one regex test per kind of rule.
const ANY_SIGNATURE = new RegExp(
  REMOVAL_RULES.flatMap((r) => (r.signature ? [r.signature.source] : [])).join('|'),
  'i',
);
const anyText = (rules: readonly RemovalRule[]) =>
  new RegExp(rules.flatMap((r) => (r.text ? [r.text.source] : [])).join('|'), 'i');
// Label rules (short text) and message rules (up to a few hundred characters) are screened apart,
// so a paragraph of prose meets only the few message patterns.
const LABEL_TEXT = anyText(REMOVAL_RULES.filter((r) => (r.maxText ?? DEFAULT_MAX_TEXT) <= DEFAULT_MAX_TEXT));
const MESSAGE_TEXT = anyText(REMOVAL_RULES.filter((r) => (r.maxText ?? DEFAULT_MAX_TEXT) > DEFAULT_MAX_TEXT));
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
  const textHit =
    !!shortText &&
    ((shortText.length <= DEFAULT_MAX_TEXT && LABEL_TEXT.test(shortText)) || MESSAGE_TEXT.test(shortText));
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
    if (rule.text && isPartOfProse(el, facts.textLength)) continue;
    const target = rule.climb ? climbToWidget(el, facts.textLength) : el;
    if (rule.text && HEADINGS.has(tag) && target === el && isFollowedByProse(el)) continue;
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
  if (!/\S/.test(text)) return '';
  const collapsed = collapse(text);
  return collapsed.length <= LONGEST_TEXT ? collapsed : null;
}

// A widget around a label holds links and next to no text of its own.
const WIDGET_MAX_OWN_TEXT = 40;
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'cite',
  'code',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);
const CAPTION = /caption|credit/i;

/**
 * A label-like word that belongs to prose: inline inside a longer sentence ("a <code>Response</code>
 * object"), or in a caption ("<em>Source:</em> Supplied").
 */
function isPartOfProse(el: Element, textLength: number): boolean {
  let ancestor = el.parentElement;
  for (let level = 0; ancestor && level < 4; level++, ancestor = ancestor.parentElement) {
    if (ancestor.localName === 'figcaption' || CAPTION.test(ancestor.getAttribute('class') ?? ''))
      return true;
  }
  const parent = el.parentElement;
  if (!INLINE_TAGS.has(el.localName) || !parent || !SENTENCE_HOSTS.has(parent.localName)) return false;
  return collapse(parent.textContent ?? '').length > textLength + 20;
}

// Where inline elements sit inside sentences; a <div> of meta <span>s is no sentence.
const SENTENCE_HOSTS = new Set(['p', 'li', 'td', 'dd', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

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

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A heading over prose ("Response", "Related work") titles a section of the article, not a widget. */
function isFollowedByProse(heading: Element): boolean {
  const next = heading.nextElementSibling;
  return !!next && PROSE_TAGS.has(next.localName) && (next.textContent?.trim().length ?? 0) > 0;
}

const PROSE_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'table', 'pre', 'blockquote', 'figure', 'ul', 'ol']);
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
