/**
 * A hostile corpus folder (SPEC §6, §8): an alias bomb, 20,000 levels of nesting, a 6 MB file,
 * random bytes named .yaml, a byte-order mark, CRLF, duplicate keys, `__proto__`/`constructor`/
 * `prototype` keys, NUL bytes, symbolic-link loops and a dangling link, beside good files. Each
 * file is read within a hang guard and answered with a positioned corpus-yaml/corpus-schema
 * finding while the good entries keep serving; nothing pollutes Object.prototype. A file
 * replaced and a folder deleted while the corpus is being read leave the last good version
 * serving. (corpusLimits.test.ts checks each limit on text; this reads them from disk together.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, afterEach, before, describe, it, mock } from 'node:test';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { loadCorpus, readCorpusFile } from '../../server/src/engine/corpus/source.js';
import { createEngine } from '../../server/src/engine/index.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema, DEFAULTS, md } from '../helpers/engine.js';
import { GOOD_IDS, HANG_GUARD_MS, makeHostileCorpus, type ExpectedFinding } from '../helpers/hostile.js';

const load = (dir: string, previous?: Corpus): Corpus => loadCorpus([{ path: dir, bundled: false }], corpusSchema(), undefined, previous);

function timed<T>(what: string, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  assert.ok(ms < HANG_GUARD_MS, `${what} finished within ${HANG_GUARD_MS} ms (took ${Math.round(ms)} ms)`);
  return value;
}

/** A finding as `file line:column rule` with its position counted in the file's text as an editor reads it. */
function positioned(corpus: Corpus): { file: string; line: number; column: number; rule: string; message: string }[] {
  return corpus.findings.map((f) => {
    let text = '';
    try {
      text = fs.readFileSync(f.file, 'utf8');
    } catch {
      // unreadable (a link loop): the finding sits at 1:1
    }
    const at = new LineIndex(text).lineCol(f.span.start);
    return { file: path.basename(f.file), ...at, rule: f.rule, message: f.message };
  });
}

const GOOD_ENTRY = (id: string, title: string) => `- id: ${id}\n  kind: law\n  title: {en: ${title}}\n  verification: {level: read}\n`;

void describe('a hostile corpus folder', () => {
  let dir = '';
  let expected: ExpectedFinding[] = [];
  let corpus: Corpus;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  before(() => {
    dir = makeTempDir('lexlens-hostile-corpus-');
    expected = makeHostileCorpus(dir);
    corpus = timed('loading the hostile corpus', () => load(dir));
  });
  after(() => removeDir(dir));

  void it('loads within the hang guard and serves every good entry beside the hostile files', () => {
    assert.deepEqual(
      corpus.entries.map((e) => e.id).filter((id) => GOOD_IDS.includes(id)),
      GOOD_IDS,
    );
    assert.deepEqual(positioned(corpus).filter((f) => f.file === 'good.yaml'), [], 'the good file has no finding');
  });

  void it('answers each hostile file with a corpus-yaml or corpus-schema finding at its position', () => {
    const found = positioned(corpus);
    for (const e of expected) {
      const hit = found.find((f) => f.file === e.file && f.rule === e.rule && e.message.test(f.message));
      assert.ok(hit, `${e.file} gets a ${e.rule} finding matching ${e.message}; found ${JSON.stringify(found.filter((f) => f.file === e.file))}`);
      assert.deepEqual({ line: hit.line, column: hit.column }, { line: e.line, column: e.column }, `${e.file}: ${hit.message}`);
    }
    const hostileFiles = new Set(expected.map((e) => e.file));
    assert.equal(hostileFiles.size, 14, 'fourteen hostile files');
    for (const f of found) assert.ok(hostileFiles.has(f.file), `only hostile files have findings (${f.file}: ${f.message})`);
  });

  void it('reads every file of the folder on its own within the hang guard, without throwing', () => {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const st = timed(`reading ${name}`, () => readCorpusFile(path.join(dir, name), false, corpusSchema()));
      assert.equal(path.basename(st.file), name);
    }
  });

  void it('follows a folder that links back to the corpus root only once', () => {
    assert.ok(!corpus.files.some((f) => f.file.includes(`${path.sep}again${path.sep}`)), 'no file is read through the loop');
    assert.equal(corpus.files.filter((f) => path.basename(f.file) === 'good.yaml').length, 1);
  });

  void it('keeps __proto__, constructor and prototype keys as data and pollutes no object', () => {
    const entry = corpus.byId.get('hostile-proto');
    assert.ok(entry, 'the entry with prototype keys is read');
    assert.equal(Object.getPrototypeOf(entry), Object.prototype);
    const engine = createEngine(corpus);
    engine.completion(md('[@hostile-p'), 11);
    engine.hover(md('See [@hostile-proto].'), 7);
    engine.diagnostics(md('See [@hostile-proto].'), DEFAULTS);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoBefore, 'Object.prototype has no new property');
    for (const probe of [{}, Object.create(null) as object, [], () => undefined]) assert.equal((probe as Record<string, unknown>).polluted, undefined);
  });

  void it('answers hover, completion and diagnostics for the good entries from an engine over the hostile corpus', () => {
    const engine = createEngine(corpus);
    assert.ok(engine.completion(md('[@hostile-good'), 14).items.some((i) => i.label === 'hostile-good-law'));
    assert.equal(engine.hover(md('See [@hostile-good-law, art. 1].'), 7)?.id, 'hostile-good-law');
    assert.deepEqual(engine.diagnostics(md('Platforms must keep calm [@hostile-good-law, art. 1].'), DEFAULTS), []);
  });
});

void describe('a corpus changing while it is read', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('lexlens-corpus-race-');
  });
  after(() => removeDir(dir));
  afterEach(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  /** Runs `act` once, right before the loader reads `file` (after it has listed and measured it). */
  function beforeReading(file: string, act: () => void): void {
    const read = fs.readFileSync;
    let done = false;
    mock.method(fs, 'readFileSync', function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
      if (!done && args[0] === file) {
        done = true;
        act();
      }
      return read.apply(this, args);
    });
    // source.ts imports node:fs as a namespace; publish the mock to ES module importers.
    syncBuiltinESMExports();
  }

  void it('refuses a file that grows past the size limit between being measured and read, and keeps its last good version', () => {
    const folder = path.join(dir, 'grows');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'laws.yaml');
    fs.writeFileSync(file, GOOD_ENTRY('race-law', 'A law'));
    fs.writeFileSync(path.join(folder, 'other.yaml'), GOOD_ENTRY('race-other', 'Another law'));
    const first = load(folder);
    beforeReading(file, () => fs.writeFileSync(file, `# ${'x'.repeat(6 * 1024 * 1024)}\n`));
    const second = timed('reading a file replaced by a 6 MB one', () => load(folder, first));
    assert.deepEqual(second.entries.map((e) => e.id), ['race-law', 'race-other'], 'the last good version keeps serving');
    const f = second.findings.find((x) => x.file === file);
    assert.equal(f?.rule, 'corpus-yaml');
    assert.match(f.message, /grew over the 5 MB limit while it was read/);
  });

  void it('reports a file replaced by broken YAML while it is read at its position, and keeps its last good version', () => {
    const folder = path.join(dir, 'breaks');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'laws.yaml');
    fs.writeFileSync(file, GOOD_ENTRY('race-law', 'A law'));
    const first = load(folder);
    const broken = '- id: race-law\n  kind: law\n  title: {en: "unclosed\n';
    beforeReading(file, () => {
      fs.writeFileSync(`${file}.tmp`, broken);
      fs.renameSync(`${file}.tmp`, file); // an atomic replace, as editors save
    });
    const second = load(folder, first);
    assert.deepEqual(second.entries.map((e) => e.id), ['race-law']);
    assert.equal(second.files[0]?.stale, true, 'served from the last good version');
    const [f] = second.findings;
    assert.equal(f?.rule, 'corpus-yaml');
    assert.ok(f.span.start > 0 && f.span.start <= broken.length, 'a position inside the new text');
  });

  void it('reports every file of a corpus folder deleted after it was listed, and keeps serving what it read before', () => {
    const folder = path.join(dir, 'vanishes');
    fs.mkdirSync(folder);
    const a = path.join(folder, 'a.yaml');
    fs.writeFileSync(a, GOOD_ENTRY('vanish-a', 'A'));
    fs.writeFileSync(path.join(folder, 'b.yaml'), GOOD_ENTRY('vanish-b', 'B'));
    const first = load(folder);
    beforeReading(a, () => fs.rmSync(folder, { recursive: true, force: true }));
    const second = timed('reading a folder deleted mid-read', () => load(folder, first));
    assert.deepEqual(second.entries.map((e) => e.id), ['vanish-a', 'vanish-b'], 'the last good versions keep serving');
    assert.deepEqual(
      second.findings.map((f) => [path.basename(f.file), f.rule, /could not be read \(ENOENT\)/.test(f.message)]),
      [['a.yaml', 'corpus-yaml', true], ['b.yaml', 'corpus-yaml', true]],
    );
    // Read again, the folder is gone: one finding for the corpus path, and nothing throws.
    const third = load(folder, second);
    assert.equal(third.findings.length, 1);
    assert.match(third.findings[0]!.message, /does not exist/);
  });

  void it('never throws and always serves an entry while another process keeps replacing the file', async (t) => {
    const folder = path.join(dir, 'swapped');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'laws.yaml');
    const versions = [GOOD_ENTRY('swap-law', 'Version one'), GOOD_ENTRY('swap-law', 'Version two'), '- id: swap-law\n  kind: [unclosed\n', `# ${'y'.repeat(5_300_000)}\n`, '\u0000'];
    fs.writeFileSync(file, versions[0]!);
    let previous = load(folder);
    const sources = versions.map((v, i) => {
      const src = path.join(dir, `swap-version-${i}`);
      fs.writeFileSync(src, v);
      return src;
    });
    // A writer in another process replaces the file (atomically, as editors save) as fast as it can.
    const script = `
      const fs = require('fs');
      const [file, ...sources] = process.argv.slice(1);
      const end = Date.now() + 4000;
      for (let i = 0; Date.now() < end; i++) {
        fs.copyFileSync(sources[i % sources.length], file + '.tmp');
        fs.renameSync(file + '.tmp', file);
      }`;
    const writer = spawn(process.execPath, ['-e', script, file, ...sources], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => writer.once('exit', () => resolve()));
    let reads = 0;
    let refused = 0;
    try {
      const end = performance.now() + 3000;
      while (performance.now() < end) {
        const next = load(folder, previous);
        reads++;
        const state = next.files.find((f) => f.file === file);
        assert.ok(state, 'the file is listed');
        assert.deepEqual(next.entries.map((e) => e.id), ['swap-law'], 'the entry is served, from this read or the last good one');
        if (state.fatal) refused++;
        if (state.fatal) assert.ok(state.findings.length > 0 && state.findings.every((f) => f.rule === 'corpus-yaml'), 'a refused read says why');
        previous = next;
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      writer.kill();
      await exited;
    }
    t.diagnostic(`${reads} reads while the file was replaced, ${refused} of them refused and served from the last good version`);
    assert.ok(reads > 10, `the corpus was read while it changed (${reads} reads)`);
  });
});
