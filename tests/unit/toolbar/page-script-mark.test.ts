import { describe, expect, test } from 'vitest';
import { markPageScript, pageScriptMarked } from '@/components/toolbar';

// The capture script reports whether the in-page UI's script runs in the page; a second
// injection marks itself before the first copy is invalidated, which must not unmark the new one.
describe('page script mark', () => {
  test('marked while a copy runs, unmarked when it goes', () => {
    expect(pageScriptMarked()).toBe(false);
    const unmark = markPageScript();
    expect(pageScriptMarked()).toBe(true);
    unmark();
    expect(pageScriptMarked()).toBe(false);
  });

  test("the first copy's invalidation leaves the second copy's mark", () => {
    const unmarkFirst = markPageScript();
    const unmarkSecond = markPageScript();
    unmarkFirst();
    expect(pageScriptMarked()).toBe(true);
    unmarkSecond();
    expect(pageScriptMarked()).toBe(false);
  });
});
