/**
 * The boilerplate removal rules, as data. prepare.ts walks the page once and asks each element
 * these rules in order; the first that matches removes the element (unless it is protected, see
 * block-facts.ts) and names the removal in the trace.
 *
 * A rule matches on one or more of:
 * - `signature`: tested against each class name, the id, role, aria-label and the data-hook /
 *   data-testid / data-component attributes (CMS themes name their widgets there);
 * - `text`: tested against the element's trimmed text, only when the text is short (≤ `maxText`:
 *   label-like, or a short message), so a long paragraph that mentions a keyword survives;
 * - `when`: a structural check on the element's facts (link density, form controls).
 * All conditions given must hold.
 */
import type { BlockFacts } from './block-facts';

export interface RemovalRule {
  /** Stable id, stored in RemovedBlock.rule. */
  id: string;
  /** Human label, singular, for the "Removed: …" line. */
  label: string;
  signature?: RegExp;
  text?: RegExp;
  /** Longest text (in characters) the `text` test applies to. Default 120. */
  maxText?: number;
  /** Only these tags (lower case). */
  tags?: readonly string[];
  when?: (facts: BlockFacts) => boolean;
  /** When the label is a heading or a caption of a widget, climb to the widget that holds it. */
  climb?: boolean;
  /** Why the rule exists, where the pattern does not say it. */
  reason?: string;
}

// The signature is the element's class names, id, role, aria-label and data-hook/testid/component
// joined by spaces. A name matches whole or as a dash/underscore-separated part ("td-post-sharing"
// has "sharing"), never as a bare substring: "head" and "shadow" must not match "ad".
const part = (alternatives: string) => new RegExp(`(?:^|[-_\\s])(?:${alternatives})(?:[-_\\s]|$)`, 'i');

const linkDense = (f: BlockFacts) => f.linkDensity > 0.5;

export const REMOVAL_RULES: readonly RemovalRule[] = [
  {
    id: 'comment-form',
    label: 'comment form',
    when: (f) => f.controls.includes('textarea'),
    reason: 'A form with a free-text box on an article page is the reply form (tagDiv, WordPress, Blogger).',
  },
  {
    id: 'newsletter',
    label: 'newsletter box',
    signature: part(
      'newsletter|newsletters|cta|subscribe|subscription|subscriptions|subscribe-widget|signup|sign-up|mailchimp|mc4wp|optin|opt-in|email-capture|email-signup|jetpack-subscriptions|sqs-block-newsletter|tdn_block_newsletter_subscribe',
    ),
    when: (f) => f.textLength < 1500,
    reason: 'Capped in length: "subscriber-content" wrappers on paywalled sites hold the article itself.',
  },
  {
    id: 'newsletter',
    label: 'newsletter box',
    when: (f) => f.controls.includes('email') && f.textLength < 1500,
    reason:
      'A form asking for an e-mail address and nothing to write is a sign-up box, whatever its classes.',
  },
  {
    id: 'comments',
    label: 'comment section',
    signature: part(
      'comments?|comment-respond|comment-list|commentlist|comments-area|respond|disqus_thread|disqus|dsq|replies|responses|discussion|gh-comments|ghost-comments-root|discourse-comments|commento|utterances|giscus',
    ),
    reason:
      'Earns its place on validation, not on the train audit: on train 17% of what it removes is reviewed content (56 "with" snippets lost, 51 "without" caught), yet without it (cookie rules also off) validation forum F1 falls 0.473 → 0.462 and product 0.475 → 0.468, also when narrowed to comment sections holding a reply prompt.',
  },
  {
    id: 'comment-label',
    label: 'comment form',
    text: /^(?:leave a (?:reply|comment)|post a comment|add a comment|write a (?:response|comment)|join the (?:discussion|conversation)|\d+ (?:comments?|responses?|replies)|comments?(?: \(\d+\))?|responses?(?: \(\d+\))?|discussion about this post|please enter your (?:comment|name here|email address here)!?|you have entered an incorrect email address!?|save my name, email, and website in this browser for the next time i comment\.?|notify me of (?:follow-up comments|new posts) by email\.?|cancel reply|log in to (?:reply|comment))$/i,
    reason: 'Headings and validation messages of comment forms, left behind when the form itself is gone.',
  },
  {
    id: 'newsletter-label',
    label: 'newsletter box',
    text: /(?:unable to save your signature|your subscription was successful|thanks? (?:you )?for (?:subscribing|signing up)|sign up for (?:our|the|my) (?:\w+ )?newsletter|subscribe to (?:our|the|my) (?:\w+ )?newsletter|get (?:our|the) (?:\w+ )?newsletter|enter your e-?mail(?: address)?|check your (?:inbox|e-?mail) to confirm)/i,
    maxText: 200,
    reason: 'Success and error messages of sign-up boxes, often hidden by CSS we do not evaluate.',
  },
  {
    id: 'newsletter',
    label: 'newsletter box',
    text: /^(?:subscribe(?: now| for free)?|sign up(?: now| for free)?|join (?:now|for free)|ready for more\??|get the app|follow)[.!]?$/i,
    reason: 'Calls to action that themes print as lone buttons or headings beside sign-up boxes.',
  },
  {
    id: 'paywall',
    label: 'membership prompt',
    signature: part(
      'paywall|regwall|piano|tp-modal|tp-container|membership-cta|member-cta|premium-cta|gh-post-upgrade-cta|subscribe-prompt|meter|metered',
    ),
    when: (f) => f.textLength < 1500,
  },
  {
    id: 'paywall',
    label: 'membership prompt',
    text: /(?:become a (?:member|subscriber)|already a (?:member|subscriber)\??|this (?:post|article|story) is for (?:paid )?(?:subscribers|members)|subscribe (?:now )?to (?:continue|keep) reading|you have \d+ free articles?|upgrade to paid)/i,
    maxText: 300,
  },
  {
    id: 'cookies',
    label: 'cookie banner',
    signature: part('cookie|cookies|cookie-banner|cookie-notice|consent|gdpr|cmp|onetrust|cc-window'),
    when: (f) => f.textLength < 1500,
    reason:
      'Earns its place on validation, not on the train audit: on train 35% of what the two cookie rules remove is reviewed content (35 "with" lost, 113 "without" caught), yet without them validation articles keep a "without" snippet on 16.2% of pages (15.6% with) and listing F1 falls 0.599 → 0.563.',
  },
  {
    id: 'cookies',
    label: 'cookie banner',
    text: /(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings))/i,
    maxText: 600,
  },
  {
    id: 'related',
    label: 'related links',
    signature: part(
      'related|related-posts|related-stories|related-articles|relatedposts|jp-relatedposts|yarpp|recommended|recommendations|more-stories|more-articles|more-from|read-also|read-more-links|read-next|also-read|you-may-like|outbrain|taboola|td_block_related_posts|post-related',
    ),
    when: (f) => f.linkDensity > 0.3 || f.textLength < 200,
    reason: 'Needs links: a "related" class on a block of prose is a theme naming accident, not a widget.',
  },
  {
    id: 'related',
    label: 'related links',
    text: /^(?:related(?: (?:stories|articles|posts|content|reading|coverage))?|recommended(?: (?:for you|stories|reading))?|more (?:stories|articles|news|from [\w .'-]{1,40})|you (?:may|might) also like|read (?:also|next)|also read|more from (?:this|the) author|popular (?:posts|stories)|trending(?: now)?)[:.]?$/i,
    climb: true,
    reason:
      'A heading that names a link widget: the widget around it goes with it (tagDiv "RELATED STORIES").',
  },
  {
    id: 'related',
    label: 'related links',
    tags: ['p', 'div', 'li', 'aside'],
    text: /^(?:read (?:also|more|next)|also read|related|see also|more|recommended|watch|listen)\s?:/i,
    maxText: 300,
    when: linkDense,
    reason: 'Inline "Read also: <link>" paragraphs inside the body; only when most of the text is the link.',
  },
  {
    id: 'share',
    label: 'share bar',
    signature: part(
      'share|shares|sharing|sharebar|share-bar|share-buttons|sharedaddy|addtoany|a2a_kit|social-share|social-links|social-buttons|social-icons|post-ufi|td-post-sharing|print-button|print-link|sd-like|jetpack-likes-widget-wrapper|squarespace-social-buttons',
    ),
    when: (f) => f.textLength < 600,
  },
  {
    id: 'share',
    label: 'share bar',
    text: /^(?:share(?: (?:this|this (?:article|story|post)|on (?:facebook|twitter|x|linkedin)))?|tweet|print|email|like this|like this:|loading\.{3}|copy link|facebook|twitter|linkedin|pinterest|whatsapp)[:.!]?$/i,
    climb: true,
  },
  {
    id: 'author-bio',
    label: 'author bio',
    signature: part(
      'author-bio|author-box|author-box-wrap|author-info|author-profile|author-card|author-description|about-the-author|about-author|bio-box|td-author-box|blog-item-author-profile-wrapper|post-author-bio',
    ),
    when: (f) => f.textLength < 1500,
  },
  {
    id: 'tags',
    label: 'tag list',
    signature: part(
      'tags|tag-list|taglist|post-tags|entry-tags|tags-links|td-tags|td-post-source-tags|post-labels|labels|cat-links|categories|field--name-field-tags|blog-item-tags|tag-cloud',
    ),
    when: (f) => f.textLength < 400,
  },
  {
    id: 'tags',
    label: 'tag list',
    text: /^(?:tags?|labels?|topics?|filed under|categories|source|via)\s?:?$/i,
    climb: true,
    reason: 'tagDiv prints the widget captions "Source" and "Tags" as lone labels beside their links.',
  },
  {
    id: 'post-navigation',
    label: 'post navigation',
    signature: part(
      'post-navigation|post-nav|nav-links|nav-previous|nav-next|pagination|pager|blog-pager|next-prev|prev-next|td-post-next-prev|item-pagination|post-pagination|breadcrumbs?',
    ),
    when: (f) => f.textLength < 500,
  },
  {
    id: 'post-navigation',
    label: 'post navigation',
    signature: /(?:^|\s)navigation(?:\s|$)/i,
    when: (f) => f.textLength < 500,
    reason: 'The whole word only: Wikipedia\'s "navigation-not-searchable" hatnotes are part of the article.',
  },
  {
    id: 'post-navigation',
    label: 'post navigation',
    tags: ['nav'],
    when: linkDense,
    reason: 'A link-dense <nav> is site navigation; an in-page table of contents is protected before this.',
  },
  {
    id: 'post-navigation',
    label: 'post navigation',
    text: /^(?:(?:«|‹|←)\s*)?(?:previous|next|older|newer)(?: (?:post|article|story|posts|entries))?(?:\s*(?:»|›|→))?$/i,
    climb: true,
  },
  {
    id: 'advert',
    label: 'advertisement',
    signature: part(
      'ad|ads|advert|adverts|advertisement|adsbygoogle|ad-slot|ad-container|ad-wrapper|ad-unit|dfp|gpt-ad|td-a-rec|sponsored|sponsor|promo|promoted',
    ),
    when: (f) => f.textLength < 400,
  },
  {
    id: 'advert',
    label: 'advertisement',
    text: /^(?:advertisement|advertisment|advertising|sponsored|sponsored content|ad|anzeige|publicité|story continues below(?: this)? advertisement|continue reading below)$/i,
  },
  {
    id: 'audio-player',
    label: 'audio player',
    signature: part('audio-player|listen-button|text-to-speech|tts|beyondwords|speechkit|trinity-player'),
    when: (f) => f.textLength < 300,
  },
  {
    id: 'reading-label',
    label: 'reading-time label',
    text: /^(?:listen(?: to (?:this|the) (?:article|story))?(?: \d+ min(?:ute)?s?)?|\d+(?:[.,]\d+)?x|playback speed|audio player|\d+ ?min(?:ute)?s? (?:read|listen)|reading time:? ?\d+ ?min(?:ute)?s?|estimated reading time:?.{0,20}|\d+ views?)$/i,
  },
];
