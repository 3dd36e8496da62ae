import { t } from '../shared/i18n';
import { TOC_MIN_HEADINGS, type TocEntry } from './prepare-article';
import { useCurrentHeading } from './use-current-heading';

/** Room the contents need beside the column (its width, the gap and a margin), in rem. */
export const TOC_BESIDE_REM = 17.5;

/**
 * Links to the article's h2–h4, indented by level, the section being read marked; nothing for
 * fewer than three headings. Under the header, or, when `beside` (the parent measures the margin
 * with useFitsBeside and TOC_BESIDE_REM), beside the column, staying in view. Plain fragment links: the browser scrolls (smoothly only when reduced
 * motion is not asked for, see reader.css) and Back returns to where the reader was.
 */
export function TableOfContents({ entries, beside }: { entries: TocEntry[]; beside: boolean }) {
  const shown = entries.length >= TOC_MIN_HEADINGS;
  const current = useCurrentHeading(shown ? entries.map((entry) => entry.id) : []);
  if (!shown) return null;
  const top = Math.min(...entries.map((entry) => entry.level));
  return (
    <nav class="reader-toc" data-placement={beside ? 'beside' : 'inline'} aria-labelledby="reader-toc-title">
      <details open>
        <summary id="reader-toc-title">{t('tableOfContents')}</summary>
        <ol>
          {entries.map((entry) => (
            <li key={entry.id} data-depth={entry.level - top}>
              <a href={`#${entry.id}`} aria-current={entry.id === current ? 'location' : undefined}>
                {entry.text}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
