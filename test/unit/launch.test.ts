/**
 * How the server's process is started (launch.ts): the node flags are ones this node accepts, and
 * the allocator settings are added to an environment without overriding a user's own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { SERVER_MALLOC_TUNABLES, SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';

describe('starting the server process', () => {
  it('passes node flags this node accepts', () => {
    const r = spawnSync(process.execPath, [...SERVER_NODE_ARGS, '-e', 'process.stdout.write("started")'], { encoding: 'utf8', env: serverEnvironment(process.env) });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'started');
  });

  it('adds the allocator settings to the environment, keeping the rest', () => {
    const env = serverEnvironment({ PATH: '/bin', LEXLENS_CACHE_DIR: '/tmp/x' });
    assert.deepEqual(env, { PATH: '/bin', LEXLENS_CACHE_DIR: '/tmp/x', GLIBC_TUNABLES: SERVER_MALLOC_TUNABLES });
  });

  it("keeps a user's own allocator settings", () => {
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=1' }), { GLIBC_TUNABLES: 'glibc.malloc.arena_max=1' });
  });
});
