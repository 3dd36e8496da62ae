import { useMemo } from 'preact/hooks';
import type { RemovedBlock } from '@/utils/model';
import { t } from '../shared/i18n';
import { textOfHtml } from './prepare-article';

/**
 * What extraction left out of the article, each block with its label and sample; opening one shows
 * its text (never its HTML: only the article body is rendered as markup).
 */
export function RemovedBlocks({ blocks }: { blocks: RemovedBlock[] }) {
  const texts = useMemo(() => {
    const parser = new DOMParser();
    return blocks.map((block) => textOfHtml(block.html, parser) || block.sample);
  }, [blocks]);
  return (
    <>
      <p class="meta">{t('removedIntro')}</p>
      <ul class="reader-removed">
        {blocks.map((block, index) => (
          <li key={`${block.rule}-${index}`}>
            <details class="reader-removed-block">
              <summary>
                <span class="reader-removed-label">{block.label}</span>
                <span class="reader-removed-sample">{block.sample}</span>
              </summary>
              <p class="reader-removed-text">{texts[index]}</p>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
