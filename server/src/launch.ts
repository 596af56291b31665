/**
 * How the language server's process is best started: settings that only take effect when a
 * process starts, so the server cannot apply them to itself. The extension starts the server
 * with them, and so does the benchmark; another editor may (README, "Other editors"). Without
 * them the server works the same and uses more memory.
 *
 * Measured in the benchmark at 200,000 entries (docs/performance.md, fifth session), the server's
 * peak RSS over a run was 863 MB without them, 700 MB with the allocator settings alone, and
 * 430 MB with both.
 */

/**
 * V8 grows a heap by a factor of its own choosing after each full collection, up to four times
 * the live size; a server whose live heap is about 100 MB then carries hundreds of MB of garbage
 * while a long memo is re-read. 50% keeps the heap closer to what is live, at the cost of
 * collecting more often: diagnostics of a 5,000-line memo took a few ms more at p95.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--heap-growing-percent=50'];

/**
 * glibc's allocator keeps what a thread frees in that thread's arena, and large blocks freed in
 * the middle of its heap stay with the process: after the reader threads are gone, 200-290 MB of
 * a loaded server was such memory. Two arenas, and blocks of 128 KB or more mapped on their own
 * (so freeing them returns them to the system), leave it about 150 MB smaller. Other C libraries
 * ignore the variable.
 */
export const SERVER_MALLOC_TUNABLES = 'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072';

/** The environment to start the server in: `env` with the allocator settings, unless it sets its own. */
export function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.GLIBC_TUNABLES === undefined ? { ...env, GLIBC_TUNABLES: SERVER_MALLOC_TUNABLES } : env;
}
