// @vitest-environment node
// The engine against an in-process WebDAV server (npm webdav-server, which ignores conditional
// requests), behind our fault proxy: every scenario of scenarios.ts. The same scenarios run against
// real servers in rclone.test.ts and apache.test.ts.
import { describe } from 'vitest';
import { startWebDavServer } from '../../support/dav-servers';
import { syncScenarios } from './scenarios';

describe('npm webdav-server (in process)', () => {
  syncScenarios({
    name: 'npm webdav-server',
    start: startWebDavServer,
    honoursConditional: false,
    killTrials: false,
  });
});
