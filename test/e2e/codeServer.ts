// Starts and stops code-server on 127.0.0.1 with fresh user-data and extensions
// folders in a temp directory; installs a .vsix before starting.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { codeServerEnv } from './setup.js';
import {
  ensureDir, isAlive, killGroup, lastLine, log, onCleanup, resultsDir, run, trackProcessGroup, untrackProcessGroup, waitFor,
} from './util.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** GET a URL on loopback; resolves with the status code, rejects on connection errors. */
function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs}ms`)));
    request.on('error', reject);
  });
}

/** User settings that keep the workbench quiet; none of them changes what the extension does. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.accessibilitySupport': 'off',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'workbench.editor.enablePreview': false,
};

export interface CodeServerOptions {
  entry: string;
  vsix?: string;
  /** Folder opened in the browser (used to build the URL). */
  workspace: string;
  /** Extra environment for code-server and so for its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Name of its log under test-results/ (code-server.log). */
  logName?: string;
}

export class CodeServer {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  port = 0;
  private child: ChildProcess | undefined;
  private output = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private removeCleanup: (() => void) | undefined;

  constructor(private readonly options: CodeServerOptions) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-e2e-cs-'));
    this.userDataDir = ensureDir(path.join(this.root, 'user-data'));
    this.extensionsDir = ensureDir(path.join(this.root, 'extensions'));
    ensureDir(path.join(this.userDataDir, 'User'));
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
    this.logFile = path.join(ensureDir(resultsDir), options.logName ?? 'code-server.log');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.options.workspace)}`;
  }

  private commonArgs(): string[] {
    return [
      '--config', path.join(this.root, 'config.yaml'),
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
    ];
  }

  private env(): NodeJS.ProcessEnv {
    return { ...codeServerEnv(ensureDir(path.join(this.root, 'home'))), ...this.options.env };
  }

  /** Installs the .vsix into our extensions folder (before start). */
  async installExtension(vsix: string): Promise<void> {
    fs.writeFileSync(path.join(this.root, 'config.yaml'), 'auth: none\ncert: false\n');
    log(`installing ${path.basename(vsix)} into code-server`);
    const result = await run(process.execPath, [this.options.entry, ...this.commonArgs(), '--force', '--install-extension', vsix], {
      what: `code-server --install-extension ${path.basename(vsix)}`, timeoutMs: 3 * 60_000, env: this.env(),
    });
    const text = `${result.stdout}\n${result.stderr}`;
    if (result.code !== 0 || !/successfully installed/i.test(text)) {
      throw new Error(`installing ${path.basename(vsix)} failed (exit ${result.code}): ${lastLine(result.stderr) || lastLine(result.stdout)}`);
    }
    log(lastLine(result.stdout) || 'extension installed');
  }

  async listExtensions(): Promise<string[]> {
    const result = await run(process.execPath, [this.options.entry, ...this.commonArgs(), '--list-extensions', '--show-versions'], {
      what: 'code-server --list-extensions', timeoutMs: 60_000, env: this.env(),
    });
    return result.stdout.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
  }

  async start(): Promise<void> {
    if (this.options.vsix) await this.installExtension(this.options.vsix);
    this.port = await freePort();
    fs.writeFileSync(path.join(this.root, 'config.yaml'), `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`);
    const args = [
      this.options.entry,
      ...this.commonArgs(),
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ];
    log(`starting code-server on 127.0.0.1:${this.port}`);
    const logStream = fs.createWriteStream(this.logFile, { flags: 'w' });
    const child = spawn(process.execPath, args, {
      cwd: this.root,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: stop() takes the extension host and language server with it
    });
    this.child = child;
    trackProcessGroup(child.pid, 'code-server');
    this.removeCleanup = onCleanup('code-server', () => this.stop(), () => this.killNow());
    const collect = (chunk: Buffer): void => {
      logStream.write(chunk);
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      logStream.end();
    });
    child.on('error', (error) => {
      this.exited = { code: null, signal: null };
      this.output += `\n${error.message}`;
    });
    await waitFor(`code-server to answer HTTP on 127.0.0.1:${this.port}/healthz`, async () => {
      if (this.exited) {
        throw new Error(`code-server exited early (code ${this.exited.code}, signal ${this.exited.signal}): ${lastLine(this.output)}`);
      }
      const status = await httpStatus(`http://127.0.0.1:${this.port}/healthz`, 2_000);
      return status === 200;
    }, { timeoutMs: 90_000, intervalMs: 250, detail: () => (this.exited ? `exited: ${lastLine(this.output)}` : lastLine(this.output) || 'no output') });
    if (this.exited) throw new Error(`code-server exited: ${lastLine(this.output)}`);
    log(`code-server answers at http://127.0.0.1:${this.port}/ (log: ${path.relative(process.cwd(), this.logFile)})`);
  }

  /** Last lines code-server printed, for failure reports. */
  tail(lines = 15): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** Pids of processes whose command line mentions our private folder (extension host, language server...). */
  ownedPids(): number[] {
    const pids: number[] = [];
    for (const entry of safeReaddir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      if (pid === process.pid) continue;
      const cmdline = readCmdline(pid);
      if (cmdline.includes(this.root)) pids.push(pid);
    }
    return pids;
  }

  private killNow(): void {
    const pid = this.child?.pid;
    killGroup(pid, 'SIGKILL');
    for (const owned of this.ownedPids()) {
      try {
        process.kill(owned, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  /** Stops code-server and every process it started; removes the temp folder. */
  async stop(): Promise<void> {
    const child = this.child;
    this.removeCleanup?.();
    this.removeCleanup = undefined;
    if (child?.pid && !this.exited) {
      log('stopping code-server');
      killGroup(child.pid, 'SIGTERM');
      const deadline = Date.now() + 5_000;
      while (!this.exited && Date.now() < deadline) await delay(100);
      killGroup(child.pid, 'SIGKILL'); // the rest of the group, and code-server if it ignored SIGTERM
    }
    // Children that left the group (setsid) but still name our folder on their command line.
    for (const pid of this.ownedPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    const deadline = Date.now() + 5_000;
    while (this.ownedPids().some(isAlive) && Date.now() < deadline) await delay(100);
    untrackProcessGroup(child?.pid);
    this.child = undefined;
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export function readCmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** Pids of processes whose command line contains every one of `needles`. */
export function findProcesses(...needles: string[]): number[] {
  const pids: number[] = [];
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const cmdline = readCmdline(pid);
    if (cmdline && needles.every((n) => cmdline.includes(n))) pids.push(pid);
  }
  return pids;
}
