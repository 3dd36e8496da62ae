/**
 * The Listen bar's media icons, drawn in the button's own text colour (fill="currentColor"), so
 * they follow every theme. Emoji glyphs (⏪ ⏩) would not: the browser paints them in the emoji
 * font's colours, dark on a dark theme.
 */
const PATHS = {
  previousParagraph: 'M5 6h2v12H5zM19 6 9 12l10 6z',
  previousSentence: 'M11 6 3 12l8 6zM20 6l-8 6 8 6z',
  nextSentence: 'M4 6l8 6-8 6zM13 6l8 6-8 6z',
  nextParagraph: 'M5 6l10 6-10 6zM17 6h2v12h-2z',
} as const;

export function ListenIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg class="listen-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
