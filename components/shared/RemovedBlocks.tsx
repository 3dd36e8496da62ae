import { useMemo, useState } from 'preact/hooks';
import { blockLines } from '@/utils/extraction';
import type { RemovedBlock } from '@/utils/model';
import { t } from './i18n';
import { removedKind, removedSummary } from './removed-summary';

interface Props {
  blocks: readonly RemovedBlock[];
  /** Before saving (the popup): indexes of the blocks the reader chose to keep. */
  kept?: ReadonlySet<number>;
  /** Before saving: keeps a block in the article. Without it the list only shows. */
  onKeep?(index: number): void;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * "Removed: comment form, newsletter box, 2 related links", with the blocks behind it: each one's
 * label and sample, its whole text on opening it (never its HTML: only the article body is
 * rendered as markup), and in the popup a way to keep it in the article before saving.
 */
export function RemovedBlocks({ blocks, kept = NONE, onKeep }: Props) {
  const [open, setOpen] = useState(false);
  // Parsed only once the list is opened: the popup's first paint does not wait for blocks it hides.
  const texts = useMemo(() => {
    if (!open) return [];
    const parser = new DOMParser();
    return blocks.map((block) => removedText(block, parser));
  }, [blocks, open]);
  if (blocks.length === 0) return null;
  const left = blocks.filter((_, index) => !kept.has(index));
  return (
    <div class="removed">
      <p class="meta" id="removed-summary">
        {left.length > 0 ? removedSummary(left) : t('removedAllKept')}{' '}
        <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('removedHide') : t('removedShow')}
        </button>
      </p>
      {open && (
        <ul class="removed-list">
          {blocks.map((block, index) => (
            <li key={`${block.rule}-${index}`}>
              <details class="removed-block">
                <summary>
                  <strong class="removed-label">{removedKind(block.label)}</strong>
                  <span class="removed-sample">{block.sample}</span>
                </summary>
                <p class="removed-text">{texts[index]}</p>
              </details>
              {onKeep &&
                (kept.has(index) ? (
                  <span class="ok">{t('removedKept')}</span>
                ) : (
                  <button type="button" class="keep" onClick={() => onKeep(index)}>
                    {t('removedKeep')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A removed block's text, one line per block element. The HTML was sanitised at extraction;
 * `parser` makes an inert document (nothing loads or runs), and only text comes out of it.
 */
export function removedText(block: RemovedBlock, parser: DOMParser): string {
  const { body } = parser.parseFromString(`<!doctype html><body>${block.html}`, 'text/html');
  return blockLines(body).join('\n') || block.sample;
}
