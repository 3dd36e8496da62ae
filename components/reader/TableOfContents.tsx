import { t } from '../shared/i18n';
import { TOC_MIN_HEADINGS, type TocEntry } from './prepare-article';

/**
 * Links to the article's h2–h4, indented by level; nothing for fewer than three headings. Plain
 * fragment links: the browser scrolls (smoothly only when reduced motion is not asked for, see
 * reader.css) and Back returns to where the reader was.
 */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length < TOC_MIN_HEADINGS) return null;
  const top = Math.min(...entries.map((entry) => entry.level));
  return (
    <nav class="reader-toc" aria-labelledby="reader-toc-title">
      <details open>
        <summary id="reader-toc-title">{t('tableOfContents')}</summary>
        <ol>
          {entries.map((entry) => (
            <li key={entry.id} data-depth={entry.level - top}>
              <a href={`#${entry.id}`}>{entry.text}</a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
