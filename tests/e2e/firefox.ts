/**
 * Debian's Firefox ESR with the built Firefox extension, driven over WebDriver BiDi (Firefox's own
 * remote protocol: no geckodriver, nothing downloaded). Playwright cannot drive a stock Firefox,
 * so this is a small client of the handful of BiDi commands the Firefox tests need.
 *
 * Two Firefox quirks shape it: navigating to a moz-extension: page needs the remote agent's
 * system access (`--remote-allow-system-access`), and such a navigation never reports its load,
 * so pages are opened with `wait: "none"` and the test waits on the document itself.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.cwd(), '.output/firefox-mv3');

/** Whether Firefox and the Firefox build are both here (tests skip with a notice otherwise). */
export function firefoxMissing(): string | null {
  if (spawnSync(FIREFOX, ['--version'], { stdio: 'ignore' }).status !== 0)
    return `${FIREFOX} is not installed (Debian package firefox-esr)`;
  try {
    readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'));
  } catch {
    return 'the Firefox build is missing (npx wxt build -b firefox)';
  }
  return null;
}

interface BiDiMessage {
  id?: number;
  type: 'success' | 'error' | 'event';
  result?: Record<string, unknown>;
  error?: string;
  message?: string;
}

/** One WebSocket session with Firefox's remote agent. */
class BiDi {
  private nextId = 0;
  private readonly waiting = new Map<number, (message: BiDiMessage) => void>();

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as BiDiMessage;
      if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown>): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolveSend, reject) => {
      this.waiting.set(id, (message) => {
        this.waiting.delete(id);
        if (message.type === 'error') reject(new Error(`${method}: ${message.error} ${message.message}`));
        else resolveSend(message.result as T);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One tab. Expressions are page-side JavaScript; their result must be JSON-serialisable. */
export class FirefoxPage {
  constructor(
    private readonly bidi: BiDi,
    readonly context: string,
  ) {}

  /** Evaluates `expression` (awaited if it is a promise) and returns its value through JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.bidi.send<{
      type: string;
      result?: { value?: string };
      exceptionDetails?: { text: string };
    }>('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: this.context },
      awaitPromise: true,
    });
    if (answer.type !== 'success') throw new Error(`${expression}: ${answer.exceptionDetails?.text}`);
    const text = answer.result?.value;
    return (text === undefined ? undefined : JSON.parse(text)) as T;
  }

  /** Polls `expression` until it is truthy (errors while the page loads count as "not yet"). */
  async waitFor(expression: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        if (await this.evaluate<boolean>(`(async () => Boolean(await (${expression})))()`)) return;
      } catch (error) {
        last = String(error);
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${expression} ${last}`);
  }

  async goto(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'none' });
    await this.waitFor(`location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`);
  }

  /** A real (trusted) mouse click in the middle of the element: permission requests need one. */
  async click(selector: string): Promise<void> {
    await this.waitFor(`document.querySelector(${JSON.stringify(selector)})`);
    const { x, y } = await this.evaluate<{ x: number; y: number }>(`(() => {
      const element = document.querySelector(${JSON.stringify(selector)});
      element.scrollIntoView({ block: 'center' });
      const box = element.getBoundingClientRect();
      return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
    })()`);
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x, y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** Types into the input labelled `label` (its visible label text) as the framework sees typing. */
  async fill(label: string, value: string): Promise<void> {
    const found = await this.evaluate<boolean>(`(() => {
      const label = [...document.querySelectorAll('label')].find(
        (element) => element.textContent.trim() === ${JSON.stringify(label)} ||
          element.firstChild?.textContent?.trim() === ${JSON.stringify(label)},
      );
      const input = label?.control;
      if (!input) return false;
      input.focus();
      input.value = ${JSON.stringify(value)};
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);
    if (!found) throw new Error(`no input labelled "${label}"`);
  }

  /** Chooses `path` in the file input `selector`, as a reader's file dialog would. */
  async setFile(selector: string, path: string): Promise<void> {
    await this.waitFor(`document.querySelector(${JSON.stringify(selector)})`);
    const answer = await this.bidi.send<{ result: { sharedId: string } }>('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target: { context: this.context },
      awaitPromise: false,
    });
    await this.bidi.send('input.setFiles', {
      context: this.context,
      element: { sharedId: answer.result.sharedId },
      files: [path],
    });
  }

  text(selector: string): Promise<string> {
    return this.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
  }

  /** Every record of one object store of the extension's database (raw IndexedDB, read-only). */
  readStore<T = Record<string, unknown>>(store: string): Promise<T[]> {
    return this.evaluate<T[]>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('readmark');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction(${JSON.stringify(store)}, 'readonly').objectStore(${JSON.stringify(store)}).getAll();
        request.onsuccess = () => { resolve(request.result); open.result.close(); };
        request.onerror = () => reject(request.error);
      };
    })`);
  }

  close(): Promise<unknown> {
    return this.bidi.send('browsingContext.close', { context: this.context });
  }
}

export interface FirefoxWithExtension {
  /** moz-extension: URL of an extension page, e.g. extensionUrl('/options.html'). */
  extensionUrl(path: string): string;
  open(url: string): Promise<FirefoxPage>;
  close(): Promise<void>;
}

/** A copy of the Firefox build whose manifest grants 127.0.0.1 (the build itself is untouched). */
function extensionWithLocalAccess(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-ffext-'));
  cpSync(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: ['http://127.0.0.1/*'] }));
  return dir;
}

/** The extension's internal UUID (its moz-extension: host), which Firefox records in prefs.js. */
async function extensionUuid(profile: string, id: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const prefs = readFileSync(join(profile, 'prefs.js'), 'utf8');
      const line = /user_pref\("extensions\.webextensions\.uuids", "((?:\\.|[^"\\])*)"\);/.exec(prefs);
      const uuid = line && (JSON.parse(JSON.parse(`"${line[1]}"`)) as Record<string, string>)[id];
      if (uuid) return uuid;
    } catch {
      // prefs.js is being rewritten: read it again.
    }
    await sleep(100);
  }
  throw new Error(`Firefox did not record a UUID for ${id}`);
}

/**
 * Starts Firefox headless in a fresh profile and installs the Firefox build (temporarily, as
 * about:debugging does). With `localAccess`, the manifest copy grants http://127.0.0.1 (headless
 * Firefox cannot answer a permission prompt).
 */
export async function launchFirefoxWithExtension(
  options: { localAccess?: boolean } = {},
): Promise<FirefoxWithExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'readmark-ff-'));
  writeFileSync(
    join(profile, 'user.js'),
    [
      'user_pref("browser.shell.checkDefaultBrowser", false);',
      'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
      'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
      // Nothing leaves the machine: no update checks, no remote settings, no captive portal probe.
      'user_pref("app.update.enabled", false);',
      'user_pref("network.captive-portal-service.enabled", false);',
      'user_pref("services.settings.server", "http://127.0.0.1:9/");',
      'user_pref("extensions.getAddons.cache.enabled", false);',
      '',
    ].join('\n'),
  );
  const firefox: ChildProcess = spawn(
    FIREFOX,
    [
      '--headless',
      '--no-remote',
      '--remote-debugging-port=0',
      '--remote-allow-system-access',
      '--profile',
      profile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((found, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Firefox did not start: ${output.slice(-500)}`)), 30_000);
    firefox.stderr?.on('data', (chunk) => {
      output += chunk;
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        found(match[1]!);
      }
    });
    firefox.on('exit', (code) => fail(new Error(`Firefox exited (${code}): ${output.slice(-500)}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((opened, fail) => {
    socket.once('open', opened);
    socket.once('error', fail);
  });
  const bidi = new BiDi(socket);
  await bidi.send('session.new', { capabilities: {} });
  const extensionDir = options.localAccess ? extensionWithLocalAccess() : FIREFOX_EXTENSION_DIR;
  const { extension } = await bidi.send<{ extension: string }>('webExtension.install', {
    extensionData: { type: 'path', path: extensionDir },
  });
  const uuid = await extensionUuid(profile, extension);

  return {
    extensionUrl: (path) => `moz-extension://${uuid}${path}`,
    async open(url) {
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      const page = new FirefoxPage(bidi, context);
      await page.goto(url);
      return page;
    },
    async close() {
      await bidi.send('browser.close', {}).catch(() => undefined);
      socket.close();
      if (firefox.exitCode === null) {
        const exited = new Promise((done) => firefox.once('exit', done));
        setTimeout(() => firefox.kill('SIGKILL'), 5_000).unref();
        await exited;
      }
      rmSync(profile, { recursive: true, force: true });
      if (extensionDir !== FIREFOX_EXTENSION_DIR) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}
