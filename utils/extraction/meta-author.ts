/**
 * Author names from what pages write around them: "By June Okafor", "Written by June Okafor
 * Feb 19, 2024 • 3 min read", "Posted by june on 4 March". A name is what is left once the
 * wording around it is gone, and only if it still reads like a name (short, no URL, no sentence).
 */

const LEAD =
  /^(?:(?:written|posted|reviewed|edited|published|words|text|story|article|reporting|recipe)\s+)?(?:by|von|par|por|door|di|av)\s*[:\-–—]?\s+|^(?:author|authors|byline|autor|auteur)\s*[:\-–—]\s*/i;
// Where a byline goes on to say something else: a date, "Updated", "Published", "min read", a bar.
const TAIL =
  /\s+(?:on|am|le|el)\s+(?=\d|[A-Z][a-z]{2,8}\.?\s+\d).*$|\s*(?:[|•·]|\s[-–—/]\s).*$|\s+(?:updated|published|posted|last\s+updated|reviewed)\b.*$|\s+\d+\s+min(?:ute)?s?\s+read\b.*$/i;
// What is left of a byline that named nobody: a lone "By", a date where the name should be
// ("Mar 3, 2021", "Sat, 20 Dec, 2025", whose day is all that is left once the date is cut), a template's placeholder or a role ("undefined", "The Author").
const NOT_A_NAME =
  /^(?:(?:written|posted|reviewed|edited|published)\s+)?(?:by|von|par|por|door|di|av|author|authors)$|^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:undefined|null|none|admin|administrator|webmaster|the author)$/i;
// Glued on without a space where the markup had a break: "ByTrevor Jones" (a "By" before the
// name's capital), "Lisa JenningsDec. 19, 2025" (a date after a letter), "Ada Moor19"
// (a comment count or an affiliation mark after a name of two words or more).
const GLUED_BY = /^By(?=\p{Lu}\p{Ll})/u;
const GLUED_DATE = /(?<=\p{L})(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d.*$/u;
const GLUED_NUMBER = /(?<=\s\p{Lu}\p{L}*\p{Ll})\d{1,3}$/u;
const MAX_LENGTH = 100;
const MAX_WORDS = 14;

/** The name(s) in a byline's text, or null when it does not read like one. */
export function cleanAuthor(value: string | null | undefined): string | null {
  let text =
    value
      ?.replace(/\s+/g, ' ')
      .trim()
      // A name a template quoted: "\"David Kim\"".
      .replace(/^["“”]+(.*?)["“”]+$/, '$1')
      .replace(GLUED_BY, '')
      .replace(GLUED_DATE, '')
      .replace(GLUED_NUMBER, '') ?? '';
  for (let round = 0; round < 2; round++) text = text.replace(LEAD, '').trim();
  text = text.replace(TAIL, '').trim();
  // A date or time glued on ("June Okafor Feb 19, 2024") ends the name.
  text = text
    .replace(/\s+(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d.*$/i, '')
    .trim();
  text = text.replace(/^[,;:\-–—\s]+|[,;:\-–—\s]+$/g, '');
  if (!text || text.length > MAX_LENGTH || NOT_A_NAME.test(text)) return null;
  if (/https?:|www\.|@|\.(?:com|org|net)\b|[<>{}=]/i.test(text)) return null;
  // A sentence: "By submitting, I agree to the Privacy Notice." ("Jr." and initials end otherwise).
  if (text.split(' ').length > MAX_WORDS || /[.!?]\s+[a-z]|\p{Ll}{2}[.!?]$/u.test(text)) return null;
  if (!/\p{L}/u.test(text)) return null;
  return text;
}

/** Several names as a reader writes them: "A", "A and B", "A, B and C". */
export function joinAuthors(names: readonly string[]): string | null {
  const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
  if (unique.length <= 1) return unique[0] ?? null;
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}
