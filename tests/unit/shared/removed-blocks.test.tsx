// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test, vi } from 'vitest';
import { RemovedBlocks, removedText } from '@/components/shared/RemovedBlocks';
import type { RemovedBlock } from '@/utils/model';
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
    const kept = new Set<number>();
    const onKeep = vi.fn((index: number) => kept.add(index));
    const show = () =>
      render(<RemovedBlocks blocks={[newsletter, advert]} kept={kept} onKeep={onKeep} />, root());
    await act(show);
    expect($('#removed-summary')?.textContent).toBe('Removed: newsletter box, advertisement removedShow');
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
    expect($$('.removed-list li')[0]?.querySelector('.ok')?.textContent).toBe('removedKept');
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
