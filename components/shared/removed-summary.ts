import type { RemovedBlock } from '@/utils/model';
import { type PluralKey, t, tn } from './i18n';

/**
 * The words for each kind of removed block. Extraction labels blocks in English
 * (utils/extraction REMOVED_LABELS) and the label is stored with the article; the interface says
 * it in the reader's language. A test checks every label has words here.
 */
const KIND_KEYS: Readonly<Record<string, PluralKey>> = {
  'comment form': 'removedKindCommentForm',
  'newsletter box': 'removedKindNewsletterBox',
  'comment section': 'removedKindCommentSection',
  'membership prompt': 'removedKindMembershipPrompt',
  'cookie banner': 'removedKindCookieBanner',
  'related links': 'removedKindRelatedLinks',
  'share bar': 'removedKindShareBar',
  'author bio': 'removedKindAuthorBio',
  'tag list': 'removedKindTagList',
  'post navigation': 'removedKindPostNavigation',
  advertisement: 'removedKindAdvertisement',
  'audio player': 'removedKindAudioPlayer',
  'reading-time label': 'removedKindReadingTime',
  'non-article block': 'removedKindNonArticle',
  'hidden element': 'removedKindHidden',
};

/**
 * A kind of removed block in the reader's language: "comment form" for one (the list names each
 * block), "2 related links" for several. A label with no words here (from a newer version's
 * backup) shows as stored.
 */
export function removedKind(label: string, count = 1): string {
  const key = Object.hasOwn(KIND_KEYS, label) ? KIND_KEYS[label] : undefined;
  if (key) return tn(key, count);
  return count === 1 ? label : `${count} × ${label}`;
}

/**
 * The one-line summary above the list: "Removed: comment form, newsletter box, 2 related links",
 * kinds in order of first appearance. Empty when nothing was removed.
 */
export function removedSummary(blocks: readonly RemovedBlock[]): string {
  const counts = new Map<string, number>();
  for (const block of blocks) counts.set(block.label, (counts.get(block.label) ?? 0) + 1);
  if (counts.size === 0) return '';
  const kinds = [...counts].map(([label, count]) => removedKind(label, count));
  return t('removedSummary', kinds.join(', '));
}
