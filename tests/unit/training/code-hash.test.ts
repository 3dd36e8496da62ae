import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractionCodeHash } from '../../../utils/training';

describe('extractionCodeHash', () => {
  it('is the same for the same code and changes with a file named beside the extraction room', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'readmark-code-hash-'));
    const cacheCode = path.join(dir, 'cache.ts');
    writeFileSync(cacheCode, 'export const version = 1;\n');
    const first = extractionCodeHash([cacheCode]);
    expect(extractionCodeHash([cacheCode])).toBe(first);
    writeFileSync(cacheCode, 'export const version = 2;\n');
    expect(extractionCodeHash([cacheCode])).not.toBe(first);
  });

  it('keys by the extraction room even with no other file named', () => {
    expect(extractionCodeHash([])).toMatch(/^[0-9a-f]{12}$/);
    expect(extractionCodeHash([])).not.toBe(extractionCodeHash(['utils/training/labels.ts']));
  });
});
