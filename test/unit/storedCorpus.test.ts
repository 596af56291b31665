/**
 * The stored corpus (a warm start): a second load of unchanged files opens the corpus the first
 * load stored, without reading the files, and answers exactly as the first; a changed file, a
 * damaged stored corpus or another build loads file by file again and is right.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Corpora, type LoadReport } from '../../server/src/corpora.js';
import { CorpusCache } from '../../server/src/engine/corpus/cache.js';
import type { Engine } from '../../server/src/engine/index.js';
import { loadCorpusAsync } from '../../server/src/engine/corpus/source.js';
import { corpusSchema } from '../helpers/engine.js';
import { generateCorpus } from '../bench/corpusGen.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { dataDir, fixture } from '../helpers/paths.js';

/** Loads the corpus under `dir` with a cache in `cacheDir`, as the language server does. */
async function load(dir: string, cacheDir: string, build = 'build-a'): Promise<{ engine: Engine; report: LoadReport }> {
  let report: LoadReport | undefined;
  const engine = await new Corpora(dataDir, new CorpusCache(cacheDir, build), undefined, (r) => (report = r)).get([{ path: dir, bundled: false }]);
  return { engine, report: report! };
}

/** What a user sees of an engine: ids, findings with positions, completion, law names in prose, entries and memo diagnostics. */
function view(engine: Engine, words: readonly string[]): string {
  const memo = { text: words.map((w) => `The ${w} rule says 40 % [@${w.toLowerCase()}-2020, art. 3] and the Law "On ${w}".`).join('\n\n'), languageId: 'markdown' };
  return JSON.stringify({
    ids: engine.corpus.ids,
    findings: engine.corpus.findings,
    completion: words.map((w) => engine.index.search(w.slice(0, 5), 10).map((h) => [h.entry.id, h.score])),
    names: words.map((w) => engine.index.names.find(`As «${w}» and the ${w} Law require`, 0)),
    entries: engine.corpus.ids.filter((_, i) => i % 97 === 0).map((id) => engine.corpus.byId.get(id)),
    heads: engine.corpus.files.map((f) => f.heads),
    diagnostics: engine.diagnostics(memo, { rules: {} }),
  });
}

describe('the stored corpus', () => {
  let tmp: string;
  let corpusDir: string;
  let words: string[];

  before(() => {
    tmp = makeTempDir('lexlens-stored-');
    corpusDir = path.join(tmp, 'corpus');
    const gen = generateCorpus(path.join(tmp, 'gen'), 1_500, 11);
    fs.cpSync(gen.allDir, corpusDir, { recursive: true });
    // A file with findings, whose positions must come back from the stored corpus too.
    const broken = fs.readdirSync(fixture('corpus', 'broken')).find((n) => n.endsWith('.yaml'))!;
    fs.copyFileSync(fixture('corpus', 'broken', broken), path.join(corpusDir, 'zz-broken.yaml'));
    words = gen.infos.slice(0, 40).map((e) => e.word.en);
  });
  after(() => removeDir(tmp));

  it('is opened by a second load of the same files, which answers the same', async () => {
    const cache = path.join(tmp, 'c1');
    const first = await load(corpusDir, cache);
    assert.equal(first.report.indexFromCache, false);
    const second = await load(corpusDir, cache);
    assert.equal(second.report.indexFromCache, true);
    assert.equal(second.report.fromCache, second.engine.corpus.files.length);
    assert.ok(second.engine.corpus.findings.length > 0, 'the broken file has findings');
    assert.equal(view(second.engine, words), view(first.engine, words));
  });

  it('is not opened when a file changed: the change is seen', async () => {
    const cache = path.join(tmp, 'c2');
    await load(corpusDir, cache);
    const file = path.join(corpusDir, fs.readdirSync(corpusDir).find((n) => n.endsWith('.yaml') && n !== 'zz-broken.yaml')!);
    const original = fs.readFileSync(file, 'utf8');
    try {
      const id = /^- id: (\S+)/m.exec(original)![1]!;
      fs.writeFileSync(file, original.replace(`- id: ${id}`, `- id: ${id}-renamed`));
      const changed = await load(corpusDir, cache);
      assert.equal(changed.report.indexFromCache, false);
      assert.ok(changed.engine.corpus.byId.has(`${id}-renamed`));
      assert.ok(!changed.engine.corpus.byId.has(id));
      // The corpus of the changed files is stored in turn.
      assert.equal((await load(corpusDir, cache)).report.indexFromCache, true);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('is not opened when damaged or written by another build, and the corpus still loads right', async () => {
    const cache = path.join(tmp, 'c3');
    const first = await load(corpusDir, cache);
    const stored = fs.readdirSync(cache).filter((n) => n.startsWith('corpus-'));
    assert.equal(stored.length, 1);
    const file = path.join(cache, stored[0]!);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const damaged = await load(corpusDir, cache);
    assert.equal(damaged.report.indexFromCache, false);
    assert.equal(view(damaged.engine, words), view(first.engine, words));
    const other = await load(corpusDir, cache, 'build-b');
    assert.equal(other.report.indexFromCache, false);
    assert.equal(view(other.engine, words), view(first.engine, words));
  });

  it('reads a file again when its cache file is gone by the time an entry is needed', async () => {
    const cache = path.join(tmp, 'c4');
    const first = await load(corpusDir, cache);
    const warm = await load(corpusDir, cache);
    assert.equal(warm.report.indexFromCache, true);
    for (const n of fs.readdirSync(cache)) if (!n.startsWith('corpus-') && !n.startsWith('stat-')) fs.rmSync(path.join(cache, n));
    const id = first.engine.corpus.ids[first.engine.corpus.ids.length - 1]!;
    assert.deepEqual(warm.engine.corpus.byId.get(id), first.engine.corpus.byId.get(id));
    assert.equal(view(warm.engine, words), view(first.engine, words));
  });

  it('gives the heads of every file back from disk once a load has put them there', async () => {
    const fresh = await loadCorpusAsync([{ path: corpusDir, bundled: false }], corpusSchema());
    const cache = new CorpusCache(path.join(tmp, 'c5'), 'build-a');
    // No entry held in memory: every file's heads go back to its cache file after the cross-file checks.
    const onDisk = await loadCorpusAsync([{ path: corpusDir, bundled: false }], corpusSchema(), { cache, residentEntries: 0 });
    assert.ok(onDisk.files.some((f) => Object.getOwnPropertyDescriptor(f, 'heads')?.get), 'some heads are read on demand');
    assert.deepEqual(onDisk.ids, fresh.ids);
    assert.deepEqual(onDisk.findings, fresh.findings);
    assert.deepEqual(onDisk.files.map((f) => f.heads), fresh.files.map((f) => f.heads));
    // Read again from the corpus files when the cache files are gone.
    const again = await loadCorpusAsync([{ path: corpusDir, bundled: false }], corpusSchema(), { cache: new CorpusCache(path.join(tmp, 'c5'), 'build-a'), residentEntries: 0 });
    fs.rmSync(path.join(tmp, 'c5'), { recursive: true, force: true });
    assert.deepEqual(again.files.map((f) => f.heads), fresh.files.map((f) => f.heads));
  });
});

