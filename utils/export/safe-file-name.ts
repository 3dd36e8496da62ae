// Characters Windows, macOS or Linux refuse in a file name, plus control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go.
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;
// Bidirectional controls: "invoice\u202Egpj.md" shows as "invoicedm.jpg". They go without a trace.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// Names Windows reserves whatever the extension ("CON.md" cannot be created).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Room left for " (99)" and an extension within common 255-byte limits. */
const MAX_LENGTH = 120;

/**
 * A file name made from an article title: bidirectional controls removed (they can make a name
 * read as another extension), forbidden characters replaced, no leading dots or
 * trailing dots/spaces, Windows reserved names avoided, capped at 120 code points (never splitting
 * a surrogate pair). Letters of every script are kept. Never empty.
 */
export function safeFileName(title: string, fallback = 'Untitled'): string {
  let name = title
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  name = Array.from(name).slice(0, MAX_LENGTH).join('');
  name = name.replace(/[.\s]+$/, '');
  if (!name) return fallback;
  return RESERVED.test(name) ? `_${name}` : name;
}

/**
 * Returns a function that makes each name unique among those it has returned, the way file
 * managers do: "Title.md", "Title (2).md", "Title (3).md". Comparison ignores case because
 * Windows and macOS file systems do.
 */
export function uniqueNamer(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}
