/**
 * The cache of read corpus files: a second load reads every unchanged file back and gets the
 * same corpus; a changed file, another build or a damaged cache file is read afresh; a cache
 * that cannot be written says so once and the corpus still loads; the folder stays under its cap.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CorpusCache } from '../../server/src/engine/corpus/cache.js';
import { loadCorpus, loadCorpusAsync } from '../../server/src/engine/corpus/source.js';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { timeSlicer } from '../../server/src/engine/slice.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema } from '../helpers/engine.js';
import { parse as parseYaml } from 'yaml';
import { dataDir, fixture } from '../helpers/paths.js';

/** What a user can see of a corpus: its entries (with spans), files and findings. */
const view = (c: Corpus) => JSON.stringify({ entries: c.entries, files: c.files.map((f) => [f.file, f.fatal, f.stale, f.findings]), findings: c.findings });

describe('the corpus cache', () => {
  let tmp: string;
  let corpusDir: string;
  const roots = () => [{ path: corpusDir, bundled: false }];

  before(() => {
    tmp = makeTempDir('lexlens-cache-');
    corpusDir = path.join(tmp, 'corpus');
    fs.mkdirSync(corpusDir);
    for (const f of fs.readdirSync(dataDir).filter((n) => n.endsWith('.yaml'))) fs.copyFileSync(path.join(dataDir, f), path.join(corpusDir, f));
    // One file with findings, so that findings and their positions come back from the cache too.
    fs.copyFileSync(fixture('corpus', 'broken', fs.readdirSync(fixture('corpus', 'broken')).find((n) => n.endsWith('.yaml'))!), path.join(corpusDir, 'zz-broken.yaml'));
  });
  after(() => removeDir(tmp));

  it('reads every unchanged file back and gives the same corpus', async () => {
    const dir = path.join(tmp, 'c1');
    const fresh = loadCorpus(roots(), corpusSchema());
    const first = new CorpusCache(dir, 'build-a');
    const cold = loadCorpus(roots(), corpusSchema(), undefined, undefined, first);
    const files = fresh.files.length;
    assert.equal(first.stats.hits, 0);
    // Files that could not be read at all (fatal) are not cached; this corpus has none.
    assert.equal(first.stats.writes, files);
    const second = new CorpusCache(dir, 'build-a');
    const warm = await loadCorpusAsync(roots(), corpusSchema(), { cache: second }, timeSlicer(1));
    assert.equal(second.stats.hits, files);
    assert.equal(second.stats.writes, 0);
    assert.equal(view(cold), view(fresh));
    assert.equal(view(warm), view(fresh));
    assert.ok(warm.findings.length > 0, 'the broken file\'s findings came back from the cache');
  });

  it('reads a changed file afresh', () => {
    const dir = path.join(tmp, 'c2');
    loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a'));
    const file = path.join(corpusDir, 'kz-laws.yaml');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace(/en: On Online Platforms and Online Advertising/, 'en: On Online Platforms and Online Advertising (changed)'));
      const cache = new CorpusCache(dir, 'build-a');
      const corpus = loadCorpus(roots(), corpusSchema(), undefined, undefined, cache);
      assert.equal(cache.stats.misses, 1);
      assert.equal(corpus.byId.get('kz-online-platforms-2023')?.title['en'], 'On Online Platforms and Online Advertising (changed)');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('never reads what another build wrote', () => {
    const dir = path.join(tmp, 'c3');
    loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a'));
    const other = new CorpusCache(dir, 'build-b');
    loadCorpus(roots(), corpusSchema(), undefined, undefined, other);
    assert.equal(other.stats.hits, 0);
  });

  it('treats a damaged cache file as a miss', () => {
    const dir = path.join(tmp, 'c4');
    const fresh = view(loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a')));
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.bin'));
    // Truncated, garbage, and a valid serialization of the wrong thing.
    fs.truncateSync(path.join(dir, names[0]!), 10);
    fs.writeFileSync(path.join(dir, names[1]!), 'not a cache file');
    fs.copyFileSync(path.join(dir, names[3]!), path.join(dir, names[2]!));
    const cache = new CorpusCache(dir, 'build-a');
    assert.equal(view(loadCorpus(roots(), corpusSchema(), undefined, undefined, cache)), fresh);
    assert.equal(cache.stats.misses, 3);
  });

  it('loads the corpus and says why when the cache cannot be written', () => {
    const blocker = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const cache = new CorpusCache(path.join(blocker, 'cache'), 'build-a');
    const corpus = loadCorpus(roots(), corpusSchema(), undefined, undefined, cache);
    assert.ok(corpus.byId.has('kz-online-platforms-2023'));
    assert.match(cache.stats.error ?? '', /cannot be written \(E(NOTDIR|EXIST)\)/);
  });

  it('past its size cap, drops the files no corpus used for longest, never those in use', () => {
    const dir = path.join(tmp, 'c5');
    loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a'));
    const old = fs.readdirSync(dir);
    // Written by a build two hours ago and not used since.
    const then = new Date(Date.now() - 2 * 3_600_000);
    for (const n of old) fs.utimesSync(path.join(dir, n), then, then);
    const cache = new CorpusCache(dir, 'build-b', 1);
    const corpus = loadCorpus(roots(), corpusSchema(), undefined, undefined, cache);
    const left = fs.readdirSync(dir);
    assert.equal(left.filter((n) => old.includes(n)).length, 0, 'the old build\'s files are gone');
    assert.equal(left.filter((n) => n.endsWith('.bin')).length, cache.stats.writes, 'the files just written stay, though over the cap');
    assert.ok(corpus.byId.has('kz-online-platforms-2023'));
  });

  it('does not read a file whose size, times and inode are unchanged, and notices any write', async () => {
    const dir = path.join(tmp, 'c7');
    const old = new Date(Date.now() - 60_000);
    for (const n of fs.readdirSync(corpusDir)) fs.utimesSync(path.join(corpusDir, n), old, old);
    // A record made within two seconds of a file's last change is not trusted (a second write in
    // the same clock tick would go unseen): let the files' change time age first.
    await new Promise((r) => setTimeout(r, 2100));
    const fresh = view(loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a')));
    const again = new CorpusCache(dir, 'build-a');
    assert.equal(view(loadCorpus(roots(), corpusSchema(), undefined, undefined, again)), fresh);
    assert.equal(again.stats.unread, fs.readdirSync(corpusDir).length);
    // Same size, modification time put back: the change time still tells.
    const file = path.join(corpusDir, 'kz-laws.yaml');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace('On Online Platforms and Online Advertising', 'On Online Platforms and Online Advertisinq'));
      fs.utimesSync(file, old, old);
      const third = new CorpusCache(dir, 'build-a');
      const corpus = loadCorpus(roots(), corpusSchema(), undefined, undefined, third);
      assert.equal(third.stats.unread, fs.readdirSync(corpusDir).length - 1);
      assert.equal(corpus.byId.get('kz-online-platforms-2023')?.title['en'], 'On Online Platforms and Online Advertisinq');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('serves entries from the cache file, one at a time, with the same content', () => {
    const dir = path.join(tmp, 'c6');
    const fresh = loadCorpus(roots(), corpusSchema());
    loadCorpus(roots(), corpusSchema(), undefined, undefined, new CorpusCache(dir, 'build-a'));
    const cache = new CorpusCache(dir, 'build-a');
    return loadCorpusAsync(roots(), corpusSchema(), { cache, residentEntries: 0 }).then((lazy) => {
      assert.ok(lazy.files.every((f) => !f.source.resident), 'no file holds its entries in memory');
      const id = 'kz-online-platforms-2023';
      assert.deepEqual(lazy.byId.get(id), fresh.byId.get(id));
      assert.equal(cache.lru.reads, 1, 'one entry was read');
      assert.equal(cache.stats.hits, lazy.files.length);
      lazy.byId.get(id);
      assert.equal(cache.lru.reads, 1, 'the second read came from memory');
      assert.deepEqual([...lazy.each()].map((e) => e.id), fresh.ids);
      // The cache file vanishes while the corpus is in use: entries come from the YAML again.
      for (const n of fs.readdirSync(dir)) fs.rmSync(path.join(dir, n));
      const other = 'kz-communications-2004';
      assert.deepEqual(lazy.byId.get(other), fresh.byId.get(other));
    });
  });

  it('stores entries as their YAML text where each item reads alone, and reads them back as built, whatever the layout', async () => {
    const laws = fs.readFileSync(path.join(dataDir, 'kz-laws.yaml'), 'utf8');
    const layouts: Record<string, string> = {
      'crlf.yaml': laws.replace(/\n/g, '\r\n'),
      'bom.yaml': `\uFEFF${laws}`,
      'comments.yaml': laws.replace(/\n- id:/g, '\n# a comment between entries\n\n- id:'),
      'dash-alone.yaml': laws.replace(/^- id:/gm, '-\n  id:'),
      'marker.yaml': `---\n${laws}`,
      'indented.yaml': laws.replace(/^(.)/gm, '  $1'),
      // An alias to an anchor in an earlier item: that item's text alone cannot be read again.
      'aliases.yaml': laws.replace('jurisdiction: KZ', 'jurisdiction: &country KZ').replace(/(- id: [^\n]+\n(?: {2}[^\n]*\n)*?) {2}jurisdiction: KZ/, '$1  jurisdiction: *country'),
      // A tag: the fast reader leaves the file to the YAML library, and each item too.
      'tagged.yaml': laws.replace(/^ {2}jurisdiction: KZ$/m, '  jurisdiction: !!str KZ'),
      // JSON is YAML's flow style: one line, no item at the start of a line.
      'flow.yaml': `${JSON.stringify((parseYaml(laws) as unknown[]).slice(0, 3))}\n`,
    };
    const dir = path.join(tmp, 'layouts');
    fs.mkdirSync(dir);
    for (const [name, text] of Object.entries(layouts)) fs.writeFileSync(path.join(dir, name), text);
    const layoutRoots = [{ path: dir, bundled: false }];
    const fresh = loadCorpus(layoutRoots, corpusSchema());
    assert.ok(fresh.files.every((f) => f.heads.length > 0 && f.findings.length === 0), JSON.stringify(fresh.findings));
    const cacheDir = path.join(tmp, 'c7');
    loadCorpus(layoutRoots, corpusSchema(), undefined, undefined, new CorpusCache(cacheDir, 'build-a'));
    const lazy = await loadCorpusAsync(layoutRoots, corpusSchema(), { cache: new CorpusCache(cacheDir, 'build-a'), residentEntries: 0 });
    assert.ok(lazy.files.every((f) => !f.source.resident));
    // Every entry of every file, read back from the cache one at a time, is the entry as built, spans and all.
    lazy.files.forEach((f, i) => f.source.all().forEach((e, k) => assert.deepEqual(e, fresh.files[i]!.source.at(k), `${f.file} entry ${k}`)));
    // The list items are stored as text; an indented list or a flow list, as built. Text is smaller.
    const sizeOf = (name: string) => {
      const key = lazy.files.find((f) => f.file.endsWith(name))!.cacheKey!;
      return fs.statSync(path.join(cacheDir, `${key}.bin`)).size;
    };
    for (const name of ['crlf.yaml', 'bom.yaml', 'comments.yaml', 'dash-alone.yaml', 'marker.yaml']) assert.ok(sizeOf(name) < 0.8 * sizeOf('indented.yaml'), `${name}: ${sizeOf(name)} bytes`);
  });
});
