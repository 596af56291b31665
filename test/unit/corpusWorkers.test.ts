/**
 * Reading corpus files in worker threads: the corpus is the one this thread reads (ids, entries
 * with their spans, findings with their positions, the index's inputs), with and without a cache;
 * a worker that dies or cannot start costs only time, never a file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from '../bench/corpusGen.js';
import { CorpusCache } from '../../server/src/engine/corpus/cache.js';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { DEFAULT_LIMITS } from '../../server/src/engine/corpus/parse.js';
import { ParsePool, poolSize, READER_NICENESS, readerHeapMb } from '../../server/src/engine/corpus/pool.js';
import { loadCorpusAsync, type CorpusSchema, type LoadOptions } from '../../server/src/engine/corpus/source.js';
import { indexInputsOf } from '../../server/src/engine/search/inputs.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema } from '../helpers/engine.js';
import { dataDir, fixture, repoRoot } from '../helpers/paths.js';

/** Threads for every file, however small the corpus. */
const WORKERS = { threads: 2, minBytes: 0 } as const;
const ON_THIS_THREAD = { threads: 0 } as const;
const CRASHING_WORKER = pathToFileURL(path.join(repoRoot, 'out', 'test', 'helpers', 'crashingWorker.js'));

/** What a user and the index can see of a corpus: entries with spans, each file's state, findings, and each file's index inputs. */
function view(c: Corpus): string {
  return JSON.stringify({
    ids: c.ids,
    entries: c.entries,
    files: c.files.map((f) => ({ file: f.file, fatal: f.fatal, stale: f.stale, heads: f.heads, findings: f.findings, cacheKey: f.cacheKey ?? null })),
    findings: c.findings,
    index: c.files.map((f) => {
      const inputs = f.index ?? indexInputsOf(f.source.all());
      return { ...inputs, words: { vocab: inputs.words.vocab, ids: [...inputs.words.ids], at: [...inputs.words.at] }, kinds: [...inputs.kinds], lawAt: [...inputs.lawAt] };
    }),
  });
}

describe('reading corpus files in worker threads', () => {
  let tmp: string;
  let corpusDir: string;
  let files: number;
  const roots = () => [{ path: corpusDir, bundled: false }];
  const load = (options: LoadOptions) => loadCorpusAsync(roots(), corpusSchema(), options);

  before(() => {
    tmp = makeTempDir('lexlens-workers-');
    corpusDir = path.join(tmp, 'corpus');
    fs.mkdirSync(corpusDir);
    // Several files of several hundred entries each, so that both workers get more than one.
    const gen = generateCorpus(path.join(tmp, 'gen'), 2_400, 5);
    for (const f of fs.readdirSync(gen.allDir)) fs.copyFileSync(path.join(gen.allDir, f), path.join(corpusDir, f));
    for (const f of fs.readdirSync(dataDir).filter((n) => n.endsWith('.yaml'))) fs.copyFileSync(path.join(dataDir, f), path.join(corpusDir, f));
    // Files with findings (their positions must survive the trip between threads) and one that is not UTF-8.
    const broken = fixture('corpus', 'broken');
    for (const f of fs.readdirSync(broken).filter((n) => n.endsWith('.yaml'))) fs.copyFileSync(path.join(broken, f), path.join(corpusDir, `broken-${f}`));
    fs.writeFileSync(path.join(corpusDir, 'latin1.yaml'), Buffer.from('- id: caf\xe9\n', 'latin1'));
    files = fs.readdirSync(corpusDir).length;
  });
  after(() => removeDir(tmp));

  it('gives the corpus this thread reads, without a cache', async () => {
    const here = await load({ parallel: ON_THIS_THREAD });
    const there = await load({ parallel: WORKERS });
    assert.equal(here.files.length, files);
    assert.ok(here.findings.some((f) => f.file.endsWith('latin1.yaml') && f.message.includes('UTF-8')));
    assert.ok(here.findings.filter((f) => path.basename(f.file).startsWith('broken-')).length >= 5);
    assert.equal(view(there), view(here));
    // Without a cache the entries came along, in memory.
    assert.ok(there.files.every((f) => f.source.resident));
  });

  it('gives the corpus this thread reads, with a cache, cold and warm, and fills the cache the same way', async () => {
    const mainCache = new CorpusCache(path.join(tmp, 'cache-main'), 'build-a');
    const workerCache = new CorpusCache(path.join(tmp, 'cache-workers'), 'build-a');
    const here = await load({ cache: mainCache, parallel: ON_THIS_THREAD });
    const there = await load({ cache: workerCache, parallel: WORKERS });
    assert.equal(view(there), view(here));
    assert.deepEqual(workerCache.stats, mainCache.stats);
    // Every file but those that could not be read at all (not UTF-8, not YAML) was written.
    const readable = here.files.filter((f) => !f.fatal).length;
    assert.ok(readable > 0 && readable < files);
    assert.equal(workerCache.stats.writes, readable);
    assert.ok(there.files.every((f) => f.fatal || typeof f.cacheKey === 'string'));

    // A second server on the worker-written cache reads every file back from it.
    const warmCache = new CorpusCache(workerCache.dir, 'build-a');
    const warm = await load({ cache: warmCache, parallel: WORKERS });
    assert.equal(warmCache.stats.hits, readable);
    assert.equal(warmCache.stats.writes, 0);
    assert.equal(view(warm), view(here));
  });

  it('keeps the first entries in memory and leaves the rest in the cache, as this thread does', async () => {
    const fileEntries = (c: Corpus) => c.files.map((f) => (f.source.resident ? f.heads.length : -f.heads.length));
    const here = await load({ cache: new CorpusCache(path.join(tmp, 'cache-resident-main'), 'build-a'), parallel: ON_THIS_THREAD, residentEntries: 600 });
    const there = await load({ cache: new CorpusCache(path.join(tmp, 'cache-resident-workers'), 'build-a'), parallel: WORKERS, residentEntries: 600 });
    assert.deepEqual(fileEntries(there), fileEntries(here));
    assert.ok(there.files.some((f) => !f.source.resident && f.heads.length > 0), 'some files are read from the cache when needed');
    assert.equal(view(there), view(here));
  });

  it('holds a small corpus in memory whole, and none of the entries of a corpus over the size for that', async () => {
    const small = await load({ cache: new CorpusCache(path.join(tmp, 'cache-small'), 'build-a'), parallel: WORKERS });
    const large = await load({ cache: new CorpusCache(path.join(tmp, 'cache-large'), 'build-a'), parallel: WORKERS, residentBytes: 64 * 1024 });
    const withEntries = (c: Corpus) => c.files.filter((f) => f.heads.length > 0);
    assert.ok(withEntries(small).length > 5);
    assert.ok(withEntries(small).every((f) => f.source.resident));
    assert.ok(withEntries(large).every((f) => !f.source.resident && f.cacheKey !== undefined));
    // Read from the cache files, the entries are the same.
    assert.equal(view(large), view(small));
  });

  it('reports progress file by file, in order', async () => {
    const seen: number[] = [];
    await load({ parallel: WORKERS, onProgress: (done, total) => seen.push(done / total) });
    assert.deepEqual(
      seen,
      Array.from({ length: files }, (_, i) => (i + 1) / files),
    );
  });

  it('reads the files of a worker that dies on this thread, and loads the rest', async () => {
    const crashing = path.join(corpusDir, 'part-crash.yaml');
    fs.copyFileSync(path.join(corpusDir, 'part-0002.yaml'), crashing);
    try {
      for (const cache of [undefined, new CorpusCache(path.join(tmp, 'cache-crash'), 'build-a')]) {
        const here = await load({ parallel: ON_THIS_THREAD, ...(cache ? { cache: new CorpusCache(path.join(tmp, 'cache-crash-main'), 'build-a') } : {}) });
        const there = await load({ parallel: { ...WORKERS, script: CRASHING_WORKER }, ...(cache ? { cache } : {}) });
        assert.equal(view(there), view(here));
        // The copy's entries repeat part-0002's ids: reported as duplicates, as on this thread.
        assert.ok(there.findings.some((f) => f.file === crashing));
      }
    } finally {
      fs.rmSync(crashing);
    }
  });

  it('answers "read it yourself" for the files of a worker that died, and reads on with the others', async () => {
    const crashing = path.join(corpusDir, 'part-crash.yaml');
    fs.copyFileSync(path.join(corpusDir, 'part-0002.yaml'), crashing);
    const pool = new ParsePool(2, { schema: (corpusSchema() as CorpusSchema).definition }, CRASHING_WORKER);
    try {
      const task = (file: string) => pool.read({ file, bundled: false, limits: DEFAULT_LIMITS });
      const [good, crashed, after] = await Promise.all([task(path.join(corpusDir, 'part-0001.yaml')), task(crashing), task(path.join(corpusDir, 'part-0003.yaml'))]);
      assert.equal(crashed, undefined);
      assert.equal(good?.read.state.heads.length, 500);
      assert.equal(after?.read.state.heads.length, 500);
    } finally {
      pool.close();
      fs.rmSync(crashing);
    }
  });

  it("reads on this thread a file too large for a reader's heap, and loads the rest in the readers", async () => {
    // Six copies of a part: 3-4 MB, within the 5 MB limit for a file; a reader needs far more than 16 MB of heap for it.
    const large = path.join(corpusDir, 'part-large.yaml');
    fs.writeFileSync(large, Array.from({ length: 6 }, () => fs.readFileSync(path.join(corpusDir, 'part-0001.yaml'), 'utf8')).join('\n'));
    const pool = new ParsePool(1, { schema: (corpusSchema() as CorpusSchema).definition }, undefined, 16);
    try {
      const task = (file: string) => pool.read({ file, bundled: false, limits: DEFAULT_LIMITS });
      assert.equal(await task(large), undefined, 'the reader ran out of heap');

      // In a load, the other files are read by readers with the same small heap; the large one here.
      const here = await load({ parallel: ON_THIS_THREAD });
      const there = await load({ parallel: { ...WORKERS, heapMb: 16 } });
      assert.equal(view(there), view(here));
      assert.equal(there.files.find((f) => f.file === large)?.heads.length, 3_000);
    } finally {
      pool.close();
      fs.rmSync(large);
    }
  });

  it('gives readers a heap that grows with the largest file they may be sent', () => {
    assert.deepEqual([0, 1, 5, 20].map((mb) => readerHeapMb(mb * 1048576)), [64, 64, 80, 320]);
  });

  it('starts a reader per core where it can lower their priority (Linux), one per core but one elsewhere, never more than four', () => {
    assert.deepEqual([1, 2, 4, 16].map((cores) => poolSize('linux', cores)), [1, 2, 4, 4]);
    assert.deepEqual([1, 2, 4, 16].map((cores) => poolSize('darwin', cores)), [1, 1, 3, 4]);
    assert.equal(poolSize('win32', 2), 1);
  });

  it('runs its readers at a lower priority than the thread that started them, so the server stays first in line for a core (Linux)', { skip: process.platform !== 'linux' }, async () => {
    // Each thread's niceness, from field 19 of /proc/self/task/<tid>/stat (the fields after the command name, which is in parentheses).
    const niceness = () =>
      fs.readdirSync('/proc/self/task').map((tid) => {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return { tid: Number(tid), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
      });
    const mine = niceness().find((t) => t.tid === process.pid)!.nice;
    const before = new Set(niceness().map((t) => t.tid));
    const pool = new ParsePool(2, { schema: (corpusSchema() as CorpusSchema).definition });
    try {
      const read = await pool.read({ file: path.join(corpusDir, 'part-0001.yaml'), bundled: false, limits: DEFAULT_LIMITS });
      assert.equal(read?.read.state.heads.length, 500);
      const started = niceness().filter((t) => !before.has(t.tid) && t.nice > mine);
      assert.equal(started.length, 2, JSON.stringify(niceness()));
      assert.ok(started.every((t) => t.nice === Math.min(19, mine + READER_NICENESS)));
      assert.equal(niceness().find((t) => t.tid === process.pid)!.nice, mine);
    } finally {
      pool.close();
    }
  });

  it('reads every file on this thread when no worker can start', async () => {
    const here = await load({ parallel: ON_THIS_THREAD });
    const there = await load({ parallel: { ...WORKERS, script: pathToFileURL(path.join(tmp, 'no-such-worker.js')) } });
    assert.equal(view(there), view(here));
  });

  it('keeps the last good entries of a file that broke, as this thread does', async () => {
    const file = path.join(corpusDir, 'part-0003.yaml');
    const original = fs.readFileSync(file);
    const before = await load({ parallel: WORKERS });
    try {
      fs.writeFileSync(file, Buffer.from([0x2d, 0x20, 0xff, 0x0a]));
      const here = await load({ parallel: ON_THIS_THREAD, previous: before });
      const there = await load({ parallel: WORKERS, previous: before });
      const state = there.files.find((f) => f.file === file)!;
      assert.ok(state.fatal && state.stale);
      assert.ok(state.heads.length > 0);
      assert.equal(view(there), view(here));
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
