// @vitest-environment node
// The engine against Apache 2.4 mod_dav + dav_fs (a config of its own, loopback, a free high port,
// everything in a temporary folder; the closest to "proper" WebDAV, and it honours If-None-Match
// and If-Match), behind our fault proxy: every scenario of scenarios.ts. .ci/run installs apache2;
// without it these tests are skipped with a notice.
import { describe } from 'vitest';
import { hasApache, startApache } from '../../support/dav-servers';
import { syncScenarios } from './scenarios';

const available = hasApache();
if (!available) console.warn('NOTICE: apache2 is not installed: the Apache mod_dav sync tests are skipped');

describe.runIf(available)('Apache mod_dav', () => {
  syncScenarios({ name: 'Apache mod_dav', start: startApache, honoursConditional: true, killTrials: true });
});
