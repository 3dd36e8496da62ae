// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receive, tick, zeroHlc } from '@/utils/sync';

describe('hybrid logical clock', () => {
  test('stamps compare as strings in (wall, counter, device) order', () => {
    const a = formatHlc({ wall: 5, counter: 10, device: 'b' });
    const b = formatHlc({ wall: 40, counter: 0, device: 'a' });
    const c = formatHlc({ wall: 40, counter: 0, device: 'b' });
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(parseHlc(a)).toEqual({ wall: 5, counter: 10, device: 'b' });
  });

  test('a local tick never goes backwards, even when the wall clock does', () => {
    const first = tick(zeroHlc('a'), 1000);
    const second = tick(first, 500); // the wall clock stepped back
    const third = tick(second, 500);
    expect(compareHlc(second, first)).toBe(1);
    expect(compareHlc(third, second)).toBe(1);
    expect(parseHlc(third).wall).toBe(1000);
  });

  test('after seeing a stamp from a clock an hour ahead, our next stamp sorts after it', () => {
    const hour = 3_600_000;
    const theirs = tick(zeroHlc('fast'), 10_000 + hour);
    const ours = receive(tick(zeroHlc('slow'), 10_000), theirs, 10_001);
    const next = tick(ours, 10_002);
    expect(compareHlc(next, theirs)).toBe(1);
    expect(parseHlc(next).device).toBe('slow');
  });

  test('a clock a year ahead is followed: our later stamps still sort after its stamps', () => {
    const year = 365 * 24 * 3_600_000;
    const broken = tick(zeroHlc('broken'), 1_000 + year);
    let ours = receive(tick(zeroHlc('ok'), 1_000), broken, 1_001);
    for (let i = 0; i < 5; i++) ours = tick(ours, 1_002 + i);
    expect(compareHlc(ours, broken)).toBe(1);
    expect(parseHlc(ours)).toMatchObject({ wall: 1_000 + year, counter: 6, device: 'ok' });
  });

  test('malformed stamps are refused', () => {
    expect(() => parseHlc('123-4-x')).toThrow();
    expect(() => parseHlc(`${'0'.repeat(15)}-000000-bad/device`)).toThrow();
  });
});
