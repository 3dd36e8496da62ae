/**
 * Unit test order: Vitest's own (longest or largest first), then grouped by test environment.
 *
 * With `isolate: false` a worker goes on to the next file only when that file wants the same
 * environment (happy-dom, jsdom or node); otherwise Vitest stops it and starts a fresh one, which
 * re-imports Vitest, the environment and every package. Vitest's order mixes the three, so nearly
 * every file paid for a fresh worker. Grouped, each worker changes environment at most twice.
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The environment a file asks for in its `@vitest-environment` comment, or the config's default. */
function environmentOf(spec: TestSpecification): string {
  const head = readFileSync(spec.moduleId, 'utf8').slice(0, 2_000);
  return /@vitest-environment\s+([\w-]+)/.exec(head)?.[1] ?? spec.project.config.environment;
}

/**
 * Groups in this order: node, jsdom, then happy-dom (the most files, most of them short, so the two
 * workers finish close together). Within a group Vitest's order stands.
 */
const GROUP_ORDER = ['node', 'jsdom', 'happy-dom'];

export class EnvironmentSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = GROUP_ORDER.indexOf(environmentOf(spec));
      return index === -1 ? GROUP_ORDER.length : index;
    };
    const ranks = new Map(sorted.map((spec) => [spec, rank(spec)]));
    // Array.prototype.sort is stable: within a group the order from super.sort() is kept.
    return sorted.sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  }
}
