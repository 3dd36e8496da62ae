import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(resolve(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * axe-core's violations on the page. It is evaluated over CDP, which the extension page's CSP
 * does not govern: no inline script is injected into the page.
 */
export async function axeViolations(page: Page, runOptions: object = {}): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (options) => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeFinding[] }> } }).axe;
    return (await axe.run(options)).violations;
  }, runOptions);
}

/** Findings as "rule: target" lines, for readable test failures. */
export const describeFindings = (findings: AxeFinding[]): string[] =>
  findings.flatMap((f) => f.nodes.map((n) => `${f.id}: ${n.target.join(' ')}`));

/** axe-core's serious and critical findings on the page, as "rule: target" lines. */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const findings = await axeViolations(page);
  return describeFindings(findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'));
}
