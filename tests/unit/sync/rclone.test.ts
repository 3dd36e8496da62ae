// @vitest-environment node
// The engine against Debian's `rclone serve webdav` (no conditional PUT, no CORS: the weakest
// semantics of the servers measured in docs/sync.md §6), behind our fault proxy: every scenario of
// scenarios.ts. .ci/run installs rclone; without it these tests are skipped with a notice.
import { describe } from 'vitest';
import { hasRclone, startRclone } from '../../support/dav-servers';
import { syncScenarios } from './scenarios';

const available = hasRclone();
if (!available) console.warn('NOTICE: rclone is not installed: the rclone WebDAV sync tests are skipped');

describe.runIf(available)('rclone serve webdav', () => {
  syncScenarios({
    name: 'rclone serve webdav',
    start: startRclone,
    honoursConditional: false,
    killTrials: true,
  });
});
