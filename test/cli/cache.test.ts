/**
 * The CLI reads unchanged corpus files back from its cache: the same findings with or without
 * it, the cache folder filled on the first run, and `--no-cache` / LEXLENS_CACHE_DIR=off leave
 * no cache behind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, removeDir, runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

describe('lexlens check with the corpus cache', () => {
  const tmp = makeTempDir('lexlens-cli-cache-');
  after(() => removeDir(tmp));
  const memo = path.join(repoRoot, 'examples', 'briefing.md');
  const cached = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.bin')).length : 0);

  it('gives the same findings from the cache as from the YAML', () => {
    const dir = path.join(tmp, 'cache');
    const cold = runCli(['check', '--format', 'json', memo], repoRoot, { LEXLENS_CACHE_DIR: dir });
    const files = cached(dir);
    assert.ok(files >= 4, `the first run cached the bundled corpus's files (${files})`);
    const warm = runCli(['check', '--format', 'json', memo], repoRoot, { LEXLENS_CACHE_DIR: dir });
    const uncached = runCli(['check', '--format', 'json', '--no-cache', memo], repoRoot, { LEXLENS_CACHE_DIR: dir });
    assert.equal(cold.status, 1);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(uncached.stdout, cold.stdout);
    assert.equal(cached(dir), files);
  });

  it('writes nothing with --no-cache or LEXLENS_CACHE_DIR=off', () => {
    const dir = path.join(tmp, 'never');
    runCli(['check', '--no-cache', memo], repoRoot, { LEXLENS_CACHE_DIR: dir });
    assert.equal(cached(dir), 0);
    const home = path.join(tmp, 'home');
    runCli(['check', memo], repoRoot, { LEXLENS_CACHE_DIR: 'off', XDG_CACHE_HOME: home, HOME: home });
    assert.equal(fs.existsSync(home), false);
  });
});
