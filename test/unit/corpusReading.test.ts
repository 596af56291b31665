/**
 * A corpus file is read first with only the spans its entries keep, and read again with every
 * span when it has findings (corpus.ts). What a user sees of the file must not depend on that:
 * its findings and their positions, its entries and their spans, its heads are the same as when
 * the file is read once with every span. Checked on every YAML fixture, the bundled corpus, a
 * generated benchmark file, and files broken on purpose (bad dates, repeated article and
 * paragraph numbers, bad ids, references and urls, unknown fields, wrong types, random damage,
 * a byte-order mark), with and without findings.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { isValidDate } from '../../server/src/engine/corpus/build.js';
import { readFileState, type FileState } from '../../server/src/engine/corpus/corpus.js';
import { DEFAULT_LIMITS, parseCorpusText } from '../../server/src/engine/corpus/parse.js';
import { compileSchema } from '../../server/src/engine/corpus/schema.js';
import { generateCorpus } from '../bench/corpusGen.js';
import { Rng } from '../bench/rng.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema } from '../helpers/engine.js';
import { dataDir, fixture } from '../helpers/paths.js';

/** Every YAML file under a folder, recursively, sorted. */
function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? yamlFiles(path.join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [path.join(dir, d.name)] : []))
    .sort();
}

/** What a user sees of a file state. */
function seen(state: FileState): unknown {
  return { findings: state.findings, heads: state.heads, entries: state.source.all(), fatal: state.fatal, stale: state.stale };
}

/** Reads `text` both ways, checks that they agree (to the order of every object's keys), and returns the state. */
function readsTheSame(text: string, file: string): FileState {
  const twoStep = readFileState(text, file, false, corpusSchema());
  const once = readFileState(text, file, false, corpusSchema(), DEFAULT_LIMITS, 'all');
  const what = `${path.basename(file)}: ${JSON.stringify(text.slice(0, 300))}`;
  assert.deepStrictEqual(seen(twoStep), seen(once), what);
  assert.equal(JSON.stringify(seen(twoStep)), JSON.stringify(seen(once)), what);
  return twoStep;
}

/** One way to break a corpus file: a line pattern and what to make of a matching line (several lines to insert one). */
interface Breakage {
  readonly name: string;
  readonly line: RegExp;
  readonly make: (m: RegExpExecArray, rng: Rng) => string;
}

const BREAKAGES: readonly Breakage[] = [
  { name: 'impossible date', line: /^(\s*)(adopted|in_force|repealed|date): \S.*$/, make: (m, rng) => `${m[1]}${m[2]}: ${rng.pick(['2023-02-30', '2023-04-31', '1900-02-29', '2023-13-01', '20x3'])}` },
  { name: 'repeated number', line: /^(\s*)(- )?number: .*$/, make: (m, rng) => `${m[1]}${m[2] ?? ''}number: "${rng.pick(['1', '2', '3'])}"` },
  { name: 'bad id', line: /^(\s*)(- )?id: .*$/, make: (m, rng) => `${m[1]}${m[2] ?? ''}id: ${rng.pick(['Bad Id', '"-x"', '12', '[a]'])}` },
  { name: 'unknown field', line: /^(\s*)(- )?id: (.*)$/, make: (m) => `${m[0]}\n${' '.repeat(m[1]!.length + (m[2] ? 2 : 0))}colour: red` },
  { name: 'unknown kind', line: /^(\s*)(- )?kind: .*$/, make: (m) => `${m[1]}${m[2] ?? ''}kind: decree` },
  { name: 'bad level', line: /^(\s*)level: .*$/, make: (m) => `${m[1]}level: maybe` },
  { name: 'bad url', line: /^(\s*)(- )?(url: )?"?https?:\/\/.*$/, make: (m) => `${m[1]}${m[2] ?? ''}${m[3] ?? ''}ftp://example.com/x` },
  { name: 'bad reference', line: /^(\s*)(related|about): \[(.*)\]$/, make: (m) => `${m[1]}${m[2]}: [Not An Id, ${m[3]}]` },
  { name: 'list item of the wrong type', line: /^(\s*)- (\S.*)$/, make: (m) => `${m[1]}- [${m[2]}]` },
  { name: 'empty title', line: /^(\s*)(en|ru|kk): .*$/, make: (m) => `${m[1]}${m[2]}: ""` },
  { name: 'lost line', line: /^.+$/, make: () => '' },
  { name: 'wrong indentation', line: /^(\s+)(\S.*)$/, make: (m, rng) => `${' '.repeat(Math.max(0, m[1]!.length + rng.pick([-1, 1, 2])))}${m[2]}` },
];

const DAMAGE = [' ', '\t', '#', ':', '-', '"', "'", '\n', '[', '{', '}', ',', 'x', '&', '*', '!', '|', '>', '?'];

/** `text` broken in one to three places, and the names of the breakages. */
function broken(text: string, rng: Rng): { text: string; how: string[] } {
  const lines = text.split('\n');
  const how: string[] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    if (rng.int(0, 5) === 0) {
      // Random damage anywhere.
      const joined = lines.join('\n');
      const at = rng.int(0, joined.length);
      const ch = rng.pick(DAMAGE);
      const damaged = rng.int(0, 1) === 0 ? joined.slice(0, at) + ch + joined.slice(at) : joined.slice(0, at) + joined.slice(at + 1);
      lines.splice(0, lines.length, ...damaged.split('\n'));
      how.push('damage');
      continue;
    }
    const b = rng.pick(BREAKAGES);
    const candidates = lines.flatMap((l, i) => (b.line.test(l) ? [i] : []));
    if (candidates.length === 0) continue;
    const i = rng.pick(candidates);
    const m = b.line.exec(lines[i]!)!;
    lines[i] = b.make(m, rng);
    how.push(b.name);
  }
  const out = lines.join('\n');
  return { text: rng.int(0, 9) === 0 ? `\ufeff${out}` : out, how };
}

void describe('reading a corpus file with only its entries’ spans first', () => {
  let root = '';
  let generated = '';
  before(() => {
    root = makeTempDir('lexlens-reading-');
    const gen = generateCorpus(root, 120, 11);
    generated = path.join(gen.allDir, fs.readdirSync(gen.allDir).sort()[0]!);
  });
  after(() => removeDir(root));

  void it('gives the same state as reading every span, for every corpus fixture and bundled file', () => {
    const files = [...yamlFiles(fixture()), ...yamlFiles(dataDir)];
    assert.ok(files.length >= 20, `found ${files.length} files`);
    let withFindings = 0;
    for (const file of files) {
      const state = readsTheSame(fs.readFileSync(file, 'utf8'), file);
      if (state.findings.length > 0) withFindings++;
    }
    assert.ok(withFindings >= 5, `the broken fixtures have findings (${withFindings} files)`);
  });

  void it('gives the same state, findings placed alike, for files broken on purpose', (t) => {
    const seeds = [...yamlFiles(dataDir), fixture('corpus', 'good', 'mini.yaml'), generated];
    const rng = new Rng(20251128);
    const rules = new Map<string, number>();
    let cases = 0;
    let withFindings = 0;
    for (const file of seeds) {
      const text = fs.readFileSync(file, 'utf8');
      readsTheSame(text, file);
      for (let k = 0; k < 40; k++) {
        const { text: bad, how } = broken(text, rng);
        const state = readsTheSame(bad, file);
        cases++;
        if (state.findings.length > 0) withFindings++;
        for (const f of state.findings) {
          const kind = f.rule === 'corpus-schema' && /real calendar date|listed twice/.test(f.message) ? 'corpus-schema (build)' : f.rule;
          rules.set(kind, (rules.get(kind) ?? 0) + 1);
        }
        assert.ok(how.length > 0 || bad === text || bad.slice(1) === text, 'a breakage was made');
      }
    }
    t.diagnostic(`${withFindings} of ${cases} broken files have findings: ${[...rules].map(([r, n]) => `${r} ${n}`).join(', ')}`);
    assert.ok(withFindings >= cases / 2, `most broken files have findings (${withFindings} of ${cases})`);
    for (const rule of ['corpus-yaml', 'corpus-schema', 'corpus-schema (build)']) assert.ok((rules.get(rule) ?? 0) > 0, `the broken files give ${rule} findings`);
  });
});

void describe('calendar dates in corpus files', () => {
  void it('takes real dates and refuses impossible ones', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2023-01-31', '2023-12-31', '2023-04-30', '2023-02', '2023', '0001-01-01', '9999-12-31']) assert.equal(isValidDate(d), true, d);
    for (const d of ['2023-02-29', '1900-02-29', '2100-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-13', '2023-1-01', '23-01-01', '2023-01-01T00:00', '']) assert.equal(isValidDate(d), false, d);
  });

  void it("agrees with JavaScript's calendar on the days around every month's end, in every year", () => {
    // Date.UTC reads years 0–99 as 1900–1999, and corpus dates have always been checked with it.
    const calendar = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (let y = 0; y <= 9999; y++) {
      for (const m of [0, 1, 2, 4, 12, 13]) {
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isValidDate(s) !== calendar(y, m, d)) assert.fail(`${s}: ${isValidDate(s)}`);
        }
      }
    }
  });
});

void describe('string lengths in the corpus schema', () => {
  const lengths = (schema: object, text: string) => {
    const warn = mock.method(console, 'warn', () => undefined);
    try {
      const validator = compileSchema(schema);
      assert.equal(warn.mock.callCount(), 0, 'compiling the schema warns about nothing');
      return validator.validate(parseCorpusText(text)).map((f) => f.message);
    } finally {
      warn.mock.restore();
    }
  };
  const list = (minLength: number) => ({ type: 'array', items: { type: 'string', minLength } });

  void it('refuses an empty text and takes any other, astral characters included', () => {
    assert.equal(lengths(list(1), '- ""\n').length, 1);
    assert.deepEqual(lengths(list(1), '- "𝒳"\n- a\n'), []);
  });

  void it('counts characters, not UTF-16 units, where a schema asks for more than one', () => {
    assert.equal(lengths(list(2), '- "𝒳"\n').length, 1);
    assert.deepEqual(lengths(list(2), '- "𝒳𝒳"\n'), []);
  });
});
