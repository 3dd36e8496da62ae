import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The seed page text (../shared/seed), which is not ours and never enters the repo. */
export const SEED_DIR = resolve(process.cwd(), '../shared/seed');
export const hasSeed = existsSync(SEED_DIR) && readdirSync(SEED_DIR).some((f) => f.endsWith('.txt'));
if (!hasSeed) console.warn(`[notice] ${SEED_DIR} is absent: the seed-page tests are skipped.`);

export interface SeedPage {
  html: string;
  caption: string;
  /** The article's paragraphs, in order. */
  paragraphs: string[];
  /** Lines that are page furniture, never article text. */
  boilerplate: string[];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Builds a news page around the seed text in a tagDiv-like WordPress theme: the photo caption as
 * a figcaption, the article paragraphs in the post body, and everything from "RELATED STORIES" on
 * as the related block, the newsletter widget's hidden messages, the "Source" label and the
 * comment form, where such themes put them.
 */
export function buildSeedPage(): SeedPage {
  const file = readdirSync(SEED_DIR).find((f) => f.endsWith('.txt'))!;
  const lines = readFileSync(join(SEED_DIR, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const related = lines.indexOf('RELATED STORIES');
  const [caption, ...paragraphs] = lines.slice(0, related);
  const after = lines.slice(related + 1);
  const relatedLinks = after.slice(0, 2);
  const [signatureError, subscribed, source, leaveReply, enterComment, enterName] = after.slice(2);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(paragraphs[0]!.slice(0, 60))} - Asia News Desk</title>
<meta property="og:site_name" content="Asia News Desk"></head>
<body class="single single-post"><div class="td-header-wrap"><nav><a href="/">Home</a> <a href="/asia">Asia</a></nav></div>
<div class="td-main-content-wrap"><div class="td-ss-main-content"><article class="post type-post">
<header class="td-post-title"><h1 class="entry-title">Myanmar hands over telecom fraud suspects to China</h1></header>
<div class="td-post-content">
<figure class="wp-caption"><img src="/images/footbridge.svg" alt=""><figcaption class="wp-caption-text">${escapeHtml(caption!)}</figcaption></figure>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<div class="td_block_related_posts"><h4 class="td-related-title">RELATED STORIES</h4>
${relatedLinks.map((l) => `<div class="td-module-title"><a href="/r">${escapeHtml(l)}</a></div>`).join('')}</div>
<div class="tnp-subscription"><form><input type="email" name="ne"></form>
<div class="tnp-error" style="display:none">${escapeHtml(signatureError!)}</div>
<div class="tnp-success" style="display:none">${escapeHtml(subscribed!)}</div></div>
<div class="td-post-source-tags"><span class="td-source">${escapeHtml(source!)}</span></div>
</div></article>
<div class="comments" id="comments"><div id="respond" class="comment-respond">
<h4 class="comment-reply-title">${escapeHtml(leaveReply!)}</h4>
<form id="commentform" class="comment-form"><textarea name="comment"></textarea>
<div class="td-warning-comment">${escapeHtml(enterComment!)}</div><input name="author">
<div class="td-warning-author">${escapeHtml(enterName!)}</div></form></div></div>
</div></div></body></html>`;
  return {
    html,
    caption: caption!,
    paragraphs,
    boilerplate: [
      'RELATED STORIES',
      ...relatedLinks,
      signatureError!,
      subscribed!,
      leaveReply!,
      enterComment!,
      enterName!,
    ],
  };
}
