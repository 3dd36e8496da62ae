// @vitest-environment node
// The fail-safe's thresholds (issue 17): more than 20 % or more than 200 deletions, or more than
// 1,000 additions to a non-empty library, need the reader's yes; up to 5 deletions never ask on
// share alone (small libraries), unless they would empty the library. (Through the engine:
// scenarios.ts.)
import { describe, expect, test } from 'vitest';
import { couldNeedApproval, needsApproval, type Op } from '@/utils/sync';

describe('needsApproval', () => {
  test.each([
    [{ before: 10, deletions: 2, additions: 0 }, false], // 20 % exactly
    [{ before: 30, deletions: 9, additions: 0 }, true], // 30 %
    [{ before: 10, deletions: 3, additions: 0 }, false], // 30 %, but a small tidy-up (≤ 5)
    [{ before: 4, deletions: 1, additions: 0 }, false], // 25 % of a small library
    [{ before: 20, deletions: 6, additions: 0 }, true], // 30 %, more than the floor
    [{ before: 4, deletions: 4, additions: 0 }, true], // the whole library
    [{ before: 1, deletions: 1, additions: 0 }, true], // the only article: emptying always asks
    [{ before: 5_000, deletions: 200, additions: 0 }, false], // 4 %, 200 exactly
    [{ before: 5_000, deletions: 201, additions: 0 }, true], // 4 %, but more than 200
    [{ before: 1, deletions: 0, additions: 1_000 }, false],
    [{ before: 1, deletions: 0, additions: 1_001 }, true],
    [{ before: 0, deletions: 0, additions: 50_000 }, false], // a first sync into an empty library
  ])('%o → %s', (change, expected) => {
    expect(needsApproval(change)).toBe(expected);
  });
});

describe('couldNeedApproval (skips measuring the library when no pause is possible)', () => {
  const op = (kind: Op['kind'], id: string, del = false): Op => ({
    kind,
    id,
    hlc: `000000000000001-000000-dev-${id}`,
    ...(del ? { del: { seen: {} } } : { set: { title: id } }),
  });
  test('edits, highlights and highlight deletes cannot pause', () => {
    expect(couldNeedApproval([op('article', 'a'), op('highlight', 'h'), op('highlight', 'h', true)])).toBe(
      false,
    );
  });
  test('an article delete may', () => {
    expect(couldNeedApproval([op('article', 'a'), op('article', 'b', true)])).toBe(true);
  });
  test('more than 1,000 articles named may; 1,000 (even over many operations) cannot', () => {
    const thousand = Array.from({ length: 1_000 }, (_, i) => op('article', `a${i}`));
    expect(couldNeedApproval([...thousand, ...thousand])).toBe(false);
    expect(couldNeedApproval([...thousand, op('article', 'one more')])).toBe(true);
  });
});
