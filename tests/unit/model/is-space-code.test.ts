import { expect, test } from 'vitest';
import { isSpaceCode } from '@/utils/model';

test('isSpaceCode matches exactly the code units of \\s', () => {
  const disagree: string[] = [];
  for (let c = 0; c <= 0xffff; c++)
    if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) disagree.push(c.toString(16));
  expect(disagree).toEqual([]);
});
