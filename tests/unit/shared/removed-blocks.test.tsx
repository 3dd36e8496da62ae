// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test, vi } from 'vitest';
import { RemovedBlocks, removedText } from '@/components/shared/RemovedBlocks';
import { removedKind, removedSummary } from '@/components/shared/removed-summary';
import { REMOVED_LABELS } from '@/utils/extraction';
import type { RemovedBlock } from '@/utils/model';
import { useLocale } from '../../support/i18n';
import { useRenderRoot } from '../../support/render-root';

const newsletter: RemovedBlock = {
  rule: 'newsletter',
  label: 'newsletter box',
  sample: 'Get the report Sign up now.',
  html: '<h4>Get  the report</h4><p>Sign <b>up</b>\n now.</p><ul><li>a</li><li>b</li></ul>',
};
const advert: RemovedBlock = {
  rule: 'ad',
  label: 'advertisement',
  sample: 'Advertisement',
  html: '<p>Advertisement</p>',
};

const root = useRenderRoot();

const $ = (selector: string) => root().querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...root().querySelectorAll<HTMLElement>(selector)];

describe('removedText', () => {
  test('one line per block, spaces collapsed, no markup', () => {
    expect(removedText(newsletter, new DOMParser())).toBe('Get the report\nSign up now.\na\nb');
  });

  test('a caption and its credit stay apart from the text after them', () => {
    const block = { ...advert, html: '<figure><figcaption>Photo: Ana Ruiz</figcaption></figure><p>Text</p>' };
    expect(removedText(block, new DOMParser())).toBe('Photo: Ana Ruiz\nText');
  });

  test('markup written as text stays text, and a block with no text falls back to its sample', () => {
    const block = { ...advert, html: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' };
    expect(removedText(block, new DOMParser())).toBe('<script>alert(1)</script>');
    expect(removedText({ ...advert, html: '<img src="https://x.example/a.png">' }, new DOMParser())).toBe(
      'Advertisement',
    );
  });
});

describe('RemovedBlocks', () => {
  test('summarises, opens to the blocks as text, and keeps one when asked', async () => {
    useLocale('en');
    const kept = new Set<number>();
    const onKeep = vi.fn((index: number) => kept.add(index));
    const show = () =>
      render(<RemovedBlocks blocks={[newsletter, advert]} kept={kept} onKeep={onKeep} />, root());
    await act(show);
    expect($('#removed-summary')?.textContent).toBe('Removed: newsletter box, advertisement Show');
    expect($('.removed-list')).toBeNull();
    await act(() => $('#removed-summary button')?.click());
    expect($$('.removed-list li')).toHaveLength(2);
    expect($$('.removed-text').map((p) => p.textContent)).toEqual([
      'Get the report\nSign up now.\na\nb',
      'Advertisement',
    ]);
    // Only text: the block's markup is never rendered.
    expect($('.removed-list h4, .removed-list b')).toBeNull();
    await act(() => $$('.removed-list li')[0]?.querySelector<HTMLElement>('button.keep')?.click());
    expect(onKeep).toHaveBeenCalledWith(0);
    await act(show);
    expect($('#removed-summary')?.textContent).toMatch(/^Removed: advertisement /);
    expect($$('.removed-list li')[0]?.querySelector('.ok')?.textContent).toBe('Kept');
    expect($$('.removed-list li')[1]?.querySelector('button.keep')).not.toBeNull();
  });

  test('without onKeep it only shows, and with nothing removed it shows nothing', async () => {
    await act(() => render(<RemovedBlocks blocks={[advert]} />, root()));
    await act(() => $('#removed-summary button')?.click());
    expect($$('.removed-list li')).toHaveLength(1);
    expect($('button.keep')).toBeNull();
    await act(() => render(<RemovedBlocks blocks={[]} />, root()));
    expect(root().innerHTML).toBe('');
  });
});

const removed = (...labels: string[]): RemovedBlock[] =>
  labels.map((label) => ({ rule: label, label, sample: label, html: `<p>${label}</p>` }));

describe('the “Removed” line in the reader’s language', () => {
  test('English: kinds grouped and counted in order of first appearance', () => {
    useLocale('en');
    expect(removedSummary(removed('comment form', 'related links', 'newsletter box', 'related links'))).toBe(
      'Removed: comment form, 2 related links, newsletter box',
    );
    expect(removedSummary(removed('newsletter box', 'newsletter box'))).toBe('Removed: 2 newsletter boxes');
    expect(removedSummary(removed('share bar', 'share bar', 'share bar'))).toBe('Removed: 3 share bars');
    expect(removedSummary([])).toBe('');
  });

  test('French: the same line and the list’s labels in French', async () => {
    useLocale('fr');
    expect(removedSummary(removed('comment form', 'related links', 'advertisement', 'related links'))).toBe(
      'Retiré : formulaire de commentaire, 2 blocs de liens connexes, publicité',
    );
    await act(() => render(<RemovedBlocks blocks={[newsletter, advert]} />, root()));
    await act(() => $('#removed-summary button')?.click());
    expect($$('.removed-label').map((label) => label.textContent)).toEqual([
      'encart d’inscription à une lettre d’information',
      'publicité',
    ]);
  });

  test('every label extraction gives a block has words in both languages', () => {
    for (const locale of ['en', 'fr']) {
      useLocale(locale);
      for (const label of REMOVED_LABELS) {
        const several = removedKind(label, 2);
        expect(several, `${locale}: ${label}`).toMatch(/^2 \p{L}/u);
        expect(several, `${locale}: ${label}`).not.toContain('×');
        if (locale === 'fr') expect(removedKind(label), label).not.toBe(label);
      }
    }
  });

  test('a label this version has no words for shows as stored', () => {
    useLocale('fr');
    expect(removedKind('sidebar widget')).toBe('sidebar widget');
    expect(removedSummary(removed('sidebar widget', 'sidebar widget'))).toBe('Retiré : 2 × sidebar widget');
  });
});
