// Installs what the end-to-end run needs and nothing is downloaded from outside the
// npm registry and Debian's apt: Debian's chromium, ripgrep and libkrb5-dev, then
// code-server from npm into a cache folder outside the git tree (reused when complete).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorMessage, lastLine, log, run } from './util.js';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11'; // @vscode/ripgrep used by VS Code 1.100
const RIPGREP_BINARY_VERSION = 'v13.0.0-10';
export const CHROMIUM_PATH = '/usr/bin/chromium';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export interface SetupResult {
  /** JavaScript entry of code-server, run with this Node.js. */
  codeServerEntry: string;
  chromiumPath: string;
}

const APT_PACKAGES: { name: string; present: () => boolean }[] = [
  { name: 'chromium', present: () => isExecutable(CHROMIUM_PATH) },
  { name: 'ripgrep', present: () => isExecutable('/usr/bin/rg') },
  { name: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/krb5.h') || fs.existsSync('/usr/include/krb5/krb5.h') },
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Installs the Debian packages that are missing (apt-get update once, then install). */
export async function ensureSystemPackages(): Promise<void> {
  const missing = APT_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) {
    log('system packages: chromium, ripgrep, libkrb5-dev already installed');
    return;
  }
  log(`system packages missing: ${missing.join(', ')}; installing with apt-get`);
  if (process.getuid?.() !== 0) {
    throw new SetupError(`missing Debian packages (${missing.join(', ')}) and not running as root: run "apt-get install -y ${missing.join(' ')}"`);
  }
  if (!isExecutable('/usr/bin/apt-get')) {
    throw new SetupError(`missing Debian packages (${missing.join(', ')}) and apt-get is not available on this machine`);
  }
  await aptInstall(missing);
  const still = APT_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (still.length > 0) throw new SetupError(`apt-get install finished but ${still.join(', ')} still missing`);
  log('system packages installed');
}

/** `apt-get update` once, then `apt-get install -y <packages>`, each with a time limit. */
export async function aptInstall(missing: string[]): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };
  const aptOptions = ['-o', 'DPkg::Lock::Timeout=120', '-o', 'Acquire::Retries=2', '-o', 'Acquire::http::Timeout=60'];
  const update = await run('apt-get', [...aptOptions, 'update'], {
    what: 'apt-get update', timeoutMs: 5 * 60_000, env, echo: true, heartbeatMs: 30_000,
  });
  // A partial failure (one unreachable source) still leaves usable lists: try the install,
  // and name the update's failure only if the install fails too.
  const updateProblem = update.code === 0 ? '' : `; apt-get update had failed (exit ${update.code}): ${lastLine(update.stderr || update.stdout)}`;
  if (updateProblem) log(`warning${updateProblem}`);
  const install = await run('apt-get', [...aptOptions, 'install', '-y', ...missing], {
    what: `apt-get install ${missing.join(' ')}`, timeoutMs: 20 * 60_000, env, echo: true, heartbeatMs: 30_000,
  });
  if (install.code !== 0) {
    throw new SetupError(`apt-get install ${missing.join(' ')} failed (exit ${install.code}): ${lastLine(install.stderr || install.stdout)}${updateProblem}`);
  }
}

function ripgrepTarget(): string {
  switch (process.arch) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      throw new SetupError(`no ripgrep cache name known for architecture ${process.arch}`);
  }
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds a cached
 * tarball in os.tmpdir(); we put Debian's /usr/bin/rg there.
 */
export async function ensureRipgrepCache(): Promise<string> {
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_BINARY_VERSION}-${ripgrepTarget()}.tar.gz`);
  if (fs.existsSync(tarball) && fs.statSync(tarball).size > 0) return tarball;
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-rg-'));
  try {
    fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    const partial = `${tarball}.partial-${process.pid}`;
    const tar = await run('tar', ['-C', staging, '-czf', partial, 'rg'], { what: 'tar of ripgrep', timeoutMs: 60_000 });
    if (tar.code !== 0) throw new SetupError(`cannot pack ripgrep: ${lastLine(tar.stderr)}`);
    fs.renameSync(partial, tarball);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`ripgrep cache placed at ${tarball}`);
  return tarball;
}

export function codeServerCacheDir(): string {
  if (process.env.LEXLENS_E2E_CACHE) return path.join(process.env.LEXLENS_E2E_CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'lexlens-e2e', `code-server-${CODE_SERVER_VERSION}`);
}

/** Files whose presence shows that code-server and its postinstall are complete. */
function completenessProblems(dir: string): string[] {
  const cs = path.join(dir, 'node_modules', 'code-server');
  const vscodeModules = path.join(cs, 'lib', 'vscode', 'node_modules');
  const required = [
    path.join(cs, 'out', 'node', 'entry.js'),
    path.join(cs, 'lib', 'vscode', 'out', 'server-main.js'),
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
    path.join(vscodeModules, 'node-pty', 'build'),
    path.join(vscodeModules, 'kerberos', 'build'),
    path.join(cs, 'lib', 'vscode', 'node_modules.asar'),
  ];
  return required.filter((file) => !fs.existsSync(file));
}

const MARKER = '.lexlens-e2e-complete';

/** Environment for code-server: its config and logs go into `home`, not ~/.config. */
export function codeServerEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    PASSWORD: undefined,
    HASHED_PASSWORD: undefined,
    GITHUB_TOKEN: undefined,
    VSCODE_PROXY_URI: undefined,
    PORT: undefined,
  };
}

async function codeServerVersion(entry: string): Promise<string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-cs-version-'));
  try {
    const result = await run(process.execPath, [entry, '--version'], {
      what: 'code-server --version', timeoutMs: 60_000, env: codeServerEnv(home),
    });
    return lastLine(result.stdout).split(/\s+/)[0] ?? '';
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Installs code-server@4.100.3 from npm into the cache folder, unless already complete. */
export async function ensureCodeServer(): Promise<string> {
  const dir = codeServerCacheDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (fs.existsSync(path.join(dir, MARKER)) && completenessProblems(dir).length === 0) {
    log(`code-server ${CODE_SERVER_VERSION}: reusing ${dir}`);
    return entry;
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new SetupError(`code-server ${CODE_SERVER_VERSION} installs only with Node.js 20 (this is ${process.version})`);
  }
  await ensureRipgrepCache();
  log(`code-server ${CODE_SERVER_VERSION}: installing from npm into ${dir} (takes a minute or more)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // A package.json of its own, so npm does not walk up to some other project.
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'lexlens-e2e-code-server', private: true, description: 'cache for LexLens end-to-end tests' }, null, 2)}\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true', // code-server's postinstall insists on it as root
    // npm >= 11.x blocks dependency install scripts unless allowed; code-server,
    // argon2 and VS Code's native modules need theirs. Older npm ignores this.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    npm_config_foreground_scripts: 'true', // show the postinstall's output as it runs
  };
  const t0 = Date.now();
  let result;
  try {
    result = await run('npm', ['install', '--unsafe-perm', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir, env, what: `npm install code-server@${CODE_SERVER_VERSION}`, timeoutMs: 30 * 60_000, echo: true, heartbeatMs: 30_000,
    });
  } catch (error) {
    throw new SetupError(errorMessage(error));
  }
  if (result.code !== 0) {
    throw new SetupError(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.code}): ${lastLine(result.stderr || result.stdout)}`);
  }
  const problems = completenessProblems(dir);
  if (problems.length > 0) {
    throw new SetupError(`npm install code-server@${CODE_SERVER_VERSION} finished but its postinstall did not complete: missing ${path.relative(dir, problems[0]!)}`);
  }
  const version = await codeServerVersion(entry);
  if (version !== CODE_SERVER_VERSION) {
    throw new SetupError(`code-server --version printed "${version}", expected ${CODE_SERVER_VERSION}`);
  }
  fs.writeFileSync(path.join(dir, MARKER), `${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${Math.round((Date.now() - t0) / 1000)}s`);
  return entry;
}

export async function setup(): Promise<SetupResult> {
  const t0 = Date.now();
  await ensureSystemPackages();
  const codeServerEntry = await ensureCodeServer();
  log(`setup done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return { codeServerEntry, chromiumPath: CHROMIUM_PATH };
}
