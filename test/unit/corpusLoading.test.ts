import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEngine } from '../../server/src/engine/index.js';
import { withFallback } from '../../server/src/engine/corpus/corpus.js';
import { loadCorpus, readCorpusFile } from '../../server/src/engine/corpus/source.js';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema, loadFolders, md } from '../helpers/engine.js';
import { fixture } from '../helpers/paths.js';

const BROKEN = fixture('corpus', 'broken');
const GOOD = fixture('corpus', 'good');

/** Every YAML file under a folder, recursively, sorted. */
function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? yamlFiles(path.join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [path.join(dir, d.name)] : []))
    .sort();
}

/** The `# expect: <rule-id> line <n>` header of a broken fixture. */
function expectation(file: string): { rule: string; line: number } {
  const m = /^# expect: ([a-z-]+) line (\d+)/.exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file} has no "# expect: <rule-id> line <n>" header`);
  return { rule: m[1]!, line: Number(m[2]) };
}

/** A corpus's findings for one file, as [rule, 1-based line]. */
function findingsIn(corpus: Corpus, file: string): [string, number][] {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineIndex(text);
  return corpus.findings.filter((f) => f.file === file).map((f) => [f.rule, lines.lineCol(f.span.start).line]);
}

/** Keys that a memo citing them reports as unknown. */
function unknownKeys(corpus: Corpus, keys: readonly string[]): string[] {
  const engine = createEngine(corpus);
  const text = keys.map((k) => `See [@${k}].`).join('\n\n');
  return engine
    .diagnostics(md(text), { rules: {} })
    .filter((d) => d.rule === 'unknown-citation')
    .map((d) => text.slice(d.span.start, d.span.end));
}

const GOOD_ENTRIES_IN_BROKEN_FILES = ['fixture-law-a', 'fixture-law-b', 'fixture-law-with-id', 'fixture-law-ok', 'fixture-unique-in-b', 'fixture-duplicate'];

void describe('loading a corpus folder with broken files', () => {
  const files = yamlFiles(BROKEN);

  void it('has broken fixtures to check', () => {
    assert.ok(files.length >= 5, `found ${files.length} files under ${BROKEN}`);
  });

  void describe('each broken fixture yields its expected finding at its expected line, and only that', () => {
    const corpus = loadFolders(BROKEN);
    for (const file of files) {
      const rel = path.relative(BROKEN, file);
      void it(`${rel}`, () => {
        const { rule, line } = expectation(file);
        assert.deepEqual(findingsIn(corpus, file), [[rule, line]]);
      });
    }
  });

  void describe('each broken fixture read on its own (with its folder for cross-file cases) yields the same finding', () => {
    for (const file of files) {
      const rel = path.relative(BROKEN, file);
      void it(`${rel}`, () => {
        const folder = path.dirname(file);
        const corpus = folder === BROKEN ? loadFolders(file) : loadFolders(folder);
        const { rule, line } = expectation(file);
        assert.deepEqual(findingsIn(corpus, file), [[rule, line]]);
      });
    }
  });

  void it('still resolves the good entries in the broken files and in the good folder beside them', () => {
    const corpus = loadFolders(BROKEN, GOOD);
    assert.deepEqual(unknownKeys(corpus, [...GOOD_ENTRIES_IN_BROKEN_FILES, 'mini-platforms-law', 'mini-communications-law', 'mini-government-reply', 'mini-platform-statement']), []);
  });

  void it('does not serve an entry whose kind is unknown or whose id is malformed', () => {
    const corpus = loadFolders(BROKEN);
    assert.equal(corpus.byId.get('fixture-unknown-kind'), undefined);
    assert.equal(corpus.byId.get('Online Platforms Law'), undefined);
    // Nor one that no citation can reach: `[@fixture-draft-law.]` cites `fixture-draft-law`.
    assert.equal(corpus.byId.get('fixture-draft-law.'), undefined);
  });

  void it('reports every copy of a duplicated id, one finding per file', () => {
    const corpus = loadFolders(path.join(BROKEN, 'duplicate-id'));
    const dup = corpus.findings.filter((f) => /fixture-duplicate/.test(f.message));
    assert.deepEqual(dup.map((f) => path.basename(f.file)).sort(), ['duplicate-id-a.yaml', 'duplicate-id-b.yaml']);
  });

  void it('reads the good fixture folder without findings', () => {
    assert.deepEqual(loadFolders(GOOD).findings, []);
  });
});

void describe('a corpus file that breaks after being good', () => {
  let dir = '';
  const good = [
    '- id: changing-law',
    '  kind: law',
    '  title: {en: A law that will be edited}',
    '  verification: {level: read}',
    '  articles:',
    '    - number: "9"',
    '',
  ].join('\n');
  const other = ['- id: steady-law', '  kind: law', '  title: {en: A law that stays}', '  verification: {level: read}', ''].join('\n');

  before(() => {
    dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'changing.yaml'), good);
    fs.writeFileSync(path.join(dir, 'steady.yaml'), other);
  });
  after(() => removeDir(dir));

  const load = (previous?: Corpus) => loadCorpus([{ path: dir, bundled: false }], corpusSchema(), undefined, previous);

  void it('keeps serving its last good entries while reporting the new problem', () => {
    const first = load();
    assert.deepEqual(first.entries.map((e) => e.id).sort(), ['changing-law', 'steady-law']);
    fs.writeFileSync(path.join(dir, 'changing.yaml'), `${good}  title: [unclosed\n`);
    const second = load(first);
    assert.deepEqual(second.entries.map((e) => e.id).sort(), ['changing-law', 'steady-law']);
    const state = second.files.find((f) => f.file.endsWith('changing.yaml'));
    assert.equal(state?.stale, true);
    assert.equal(state.fatal, true);
    assert.ok(second.findings.length > 0);
    assert.deepEqual([...new Set(second.findings.map((f) => `${path.basename(f.file)} ${f.rule}`))], ['changing.yaml corpus-yaml']);
    assert.deepEqual(unknownKeys(second, ['changing-law', 'steady-law']), []);
  });

  void it('serves the new entries once the file is good again', () => {
    const broken = load();
    fs.writeFileSync(path.join(dir, 'changing.yaml'), good.replace('changing-law', 'changed-law'));
    const fixed = load(broken);
    assert.deepEqual(fixed.entries.map((e) => e.id).sort(), ['changed-law', 'steady-law']);
    assert.equal(fixed.files.find((f) => f.file.endsWith('changing.yaml'))?.stale, false);
    assert.deepEqual(fixed.findings, []);
  });

  void it('serves nothing from a file that was never good', () => {
    fs.writeFileSync(path.join(dir, 'changing.yaml'), '- id: [unclosed\n');
    const corpus = load();
    assert.deepEqual(corpus.entries.map((e) => e.id), ['steady-law']);
    assert.equal(corpus.findings[0]?.rule, 'corpus-yaml');
  });

  void it('withFallback keeps a good state when the next read is fatal, and takes the next one otherwise', () => {
    const file = path.join(dir, 'changing.yaml');
    fs.writeFileSync(file, good);
    const ok = readCorpusFile(file, false, corpusSchema());
    fs.writeFileSync(file, '- id: [unclosed\n');
    const bad = readCorpusFile(file, false, corpusSchema());
    assert.deepEqual(withFallback(bad, ok).source.all().map((e) => e.id), ['changing-law']);
    assert.equal(withFallback(bad, undefined).source.count, 0);
    assert.equal(withFallback(ok, bad), ok);
  });
});

void describe('corpus roots that are missing', () => {
  void it('reports a corpus folder that does not exist and keeps the other roots', () => {
    const missing = path.join(fixture('corpus'), 'no-such-folder');
    const corpus = loadFolders(missing, GOOD);
    assert.ok(corpus.byId.get('mini-platforms-law'));
    assert.deepEqual(corpus.findings.map((f) => [f.file, f.rule]), [[missing, 'corpus-yaml']]);
  });
});
