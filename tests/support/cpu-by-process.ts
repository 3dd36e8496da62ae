/**
 * Where a command's CPU goes, by kind of process (README "Tests", session 13):
 *
 *   npx tsx tests/support/cpu-by-process.ts [--json out.json] -- npx vitest run -c vitest.browser.config.ts
 *
 * Runs the command in a cpuacct cgroup of its own (cgroup v1, as root: the cgroup counts every
 * process the command starts, Chromium's renderers included, which `/usr/bin/time` misses: they
 * are children of Chromium's zygote, not reaped up to the timed process). Every 0.25 s it reads
 * each process's user + system CPU (`/proc/<pid>/stat`) and its command line, and keeps each
 * process's last figure: the kinds add up to 94-96 % of the cgroup's total (processes that lived
 * under 0.25 s and each one's last 0.25 s are missed). Prints wall time, the cgroup's CPU, the load
 * average at both ends and the CPU of each kind; exits with the command's status.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';

const CGROUPS = '/sys/fs/cgroup/cpuacct';
/** Clock ticks a second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;
const INTERVAL_MS = 250;

/** The kind of a process from its command line (Chromium rewrites its own to one string). */
function kindOf(commandLine: string): string {
  const type = commandLine.match(/--type=(\S+)/)?.[1];
  if (/\bchrom(e|ium)\b|chrome_crashpad/.test(commandLine) || type) {
    if (commandLine.includes('chrome_crashpad_handler')) return 'Chromium crash handler';
    if (!type) return 'Chromium browser process';
    if (type === 'renderer') {
      if (commandLine.includes('--extension-process')) return 'renderer: extension';
      if (commandLine.includes('--top-chrome-webui')) return "renderer: Chrome's own WebUI";
      return 'renderer: page';
    }
    if (type === 'utility') return `utility: ${commandLine.match(/--utility-sub-type=(\S+)/)?.[1] ?? '?'}`;
    return type;
  }
  if (/firefox/.test(commandLine)) return 'Firefox';
  if (/\bnode\b/.test(commandLine)) return /vitest/.test(commandLine) ? 'Node: Vitest' : 'Node: other';
  return commandLine.split(' ')[0]?.split('/').pop() || '?';
}

/** Kinds read before a process's exec (Debian's chromium is a shell script) are read again. */
const PROVISIONAL = new Set(['?', 'sh', 'env', 'zygote', 'Node: other']);

interface Seen {
  kind: string;
  cpu: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

function sample(cgroup: string, seen: Map<string, Seen>): void {
  for (const pid of (readText(`${cgroup}/cgroup.procs`) ?? '').split('\n').filter(Boolean)) {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Fields after the command name, which may hold spaces and parentheses: state is the first.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
    const key = `${pid}@${fields[19]}`; // pid and start time: pids are reused
    const known = seen.get(key);
    const kind = () => kindOf((readText(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim());
    if (!known) seen.set(key, { kind: kind(), cpu });
    else {
      known.cpu = cpu;
      if (PROVISIONAL.has(known.kind)) known.kind = kind();
    }
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args[0] === '--json' ? args[1] : undefined;
  const command = args.slice(args.indexOf('--') + 1);
  if (!args.includes('--') || command.length === 0)
    throw new Error('usage: cpu-by-process.ts [--json out.json] -- command [args…]');
  const cgroup = `${CGROUPS}/readmark-cpu-${process.pid}`;
  mkdirSync(cgroup);
  const usage = () => Number(readFileSync(`${cgroup}/cpuacct.usage`, 'utf8')) / 1e9;
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loadBefore = load();
  const started = Date.now();
  // The shell puts itself in the cgroup, then becomes the command: everything it starts is counted.
  const child = spawn('sh', ['-c', `echo $$ > ${cgroup}/cgroup.procs && exec "$@"`, 'sh', ...command], {
    stdio: 'inherit',
  });
  const seen = new Map<string, Seen>();
  const timer = setInterval(() => sample(cgroup, seen), INTERVAL_MS);
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  clearInterval(timer);
  sample(cgroup, seen);
  const wall = (Date.now() - started) / 1000;
  // Processes the command left behind (a browser closing) are waited for a moment.
  for (let i = 0; i < 20 && (readText(`${cgroup}/cgroup.procs`) ?? '').trim(); i++) {
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    sample(cgroup, seen);
  }
  const total = usage();
  rmdirSync(cgroup);
  const kinds = new Map<string, { cpu: number; processes: number }>();
  for (const { kind, cpu } of seen.values()) {
    const entry = kinds.get(kind) ?? { cpu: 0, processes: 0 };
    kinds.set(kind, { cpu: entry.cpu + cpu, processes: entry.processes + 1 });
  }
  const sorted = [...kinds].sort((a, b) => b[1].cpu - a[1].cpu);
  const sampled = sorted.reduce((sum, [, k]) => sum + k.cpu, 0);
  console.log(
    `\n${wall.toFixed(1)} s wall, ${total.toFixed(1)} CPU-s (cgroup), ${sampled.toFixed(1)} sampled; load ${loadBefore} → ${load()}`,
  );
  for (const [kind, { cpu, processes }] of sorted)
    console.log(`  ${kind.padEnd(40)} ${cpu.toFixed(1).padStart(7)} CPU-s  ${processes} processes`);
  if (json)
    writeFileSync(json, JSON.stringify({ wall, total, sampled, kinds: Object.fromEntries(sorted) }, null, 1));
  return status;
}

process.exitCode = await main();
