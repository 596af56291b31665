/**
 * The fast YAML reader (fastYaml.ts) against `yaml`, which stays the reference: whenever the fast
 * reader reads a text, its data and the span of every value and key are exactly what `yaml`
 * gives (same pointers, same offsets, same order); when it declines, `yaml` reads the text. Asked
 * for the `entries` detail, it gives the same data and exactly the spans of the pointers that
 * detail keeps, none other (on every text below, and on random corpus-shaped YAML). The
 * bundled corpus and generated benchmark files must take the fast path (or these checks prove
 * nothing); random YAML in and around the subset (scalars of every type, quoting and escapes,
 * comments at any indentation, flow collections, block scalars, odd keys, trailing spaces, tabs,
 * CRLF, no final newline, non-ASCII text, random damage) must read the same either way.
 *
 * The property is seeded, so `npm test` is deterministic. A failure prints fast-check's seed and
 * path; replay it with `LEXLENS_FC_SEED=<seed> LEXLENS_FC_PATH=<path> node --test
 * out/test/unit/fastYaml.test.js`, or run more cases with `LEXLENS_FC_RUNS=20000`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fastParseYaml, isEntrySpanPointer } from '../../server/src/engine/corpus/fastYaml.js';
import { DEFAULT_LIMITS, parseCorpusText, type CorpusLimits, type ParsedFile } from '../../server/src/engine/corpus/parse.js';
import { generateCorpus } from '../bench/corpusGen.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { propertyRuns } from '../helpers/fastCheck.js';
import { dataDir, fixture } from '../helpers/paths.js';

const { runs: RUNS, params } = propertyRuns(20251128, 1500);

/** A parse result with its maps as entry lists, so that their order is compared too. */
function comparable(p: ParsedFile): unknown {
  return { ...p, valueSpans: [...p.valueSpans], keySpans: [...p.keySpans] };
}

/**
 * Checks that `text` reads the same with the fast reader as with `yaml` alone, and that the fast
 * reader only takes what `yaml` reads without a problem. Returns whether it took the fast path.
 */
function agrees(text: string, limits: CorpusLimits = DEFAULT_LIMITS): boolean {
  const reference = parseCorpusText(text, limits, false);
  const full = parseCorpusText(text, limits);
  assert.deepStrictEqual(comparable(full), comparable(reference), `same result with the fast reader for ${JSON.stringify(text.slice(0, 2000))}`);
  const fast = fastParseYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, limits);
  entriesDetailAgrees(text, limits, full, fast !== undefined);
  if (!fast) return false;
  assert.equal(reference.fatal, false, `the fast reader read a text yaml refuses: ${JSON.stringify(text.slice(0, 2000))}`);
  assert.deepStrictEqual(reference.findings, []);
  return true;
}

/**
 * Checks that the `entries` detail reads `text` as `full` does, with only the value spans whose
 * pointers it keeps (on the fast path) or with every span (off it). Returns how many spans it kept.
 */
function entriesDetailAgrees(text: string, limits: CorpusLimits, full: ParsedFile, fastPath: boolean): number {
  const lean = parseCorpusText(text, limits, true, 'entries');
  const what = `the entries detail for ${JSON.stringify(text.slice(0, 2000))}`;
  if (!fastPath) {
    assert.deepStrictEqual(comparable(lean), comparable(full), `${what}: every span off the fast path`);
    return 0;
  }
  assert.equal(lean.spans, 'entries', what);
  const { valueSpans, keySpans, spans, ...rest } = lean;
  const { valueSpans: fullValueSpans, keySpans: _k, spans: _s, ...fullRest } = full;
  assert.deepStrictEqual(rest, fullRest, `${what}: same data`);
  assert.deepStrictEqual([...keySpans], [], `${what}: no key spans`);
  assert.deepStrictEqual([...valueSpans], [...fullValueSpans].filter(([p]) => isEntrySpanPointer(p)), `${what}: the kept value spans`);
  assert.equal(spans, 'entries');
  return valueSpans.size;
}

void describe('fast YAML reader', () => {
  void it('reads every file of the bundled corpus on the fast path, exactly as yaml does', () => {
    const files = fs.readdirSync(dataDir).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 4, 'the bundled corpus is there');
    for (const f of files) {
      const text = fs.readFileSync(path.join(dataDir, f), 'utf8');
      assert.equal(agrees(text), true, `${f} takes the fast path`);
    }
  });

  void describe('generated benchmark corpus', () => {
    let root = '';
    before(() => {
      root = makeTempDir('lexlens-fastyaml-');
    });
    after(() => removeDir(root));

    void it('reads generated benchmark files on the fast path, exactly as yaml does, to the data written', () => {
      const gen = generateCorpus(root, 1100, 7);
      const parts = fs.readdirSync(gen.allDir).sort();
      assert.equal(parts.length, 3);
      for (const part of parts) {
        const text = fs.readFileSync(path.join(gen.allDir, part), 'utf8');
        assert.equal(agrees(text), true, `${part} takes the fast path`);
        const json = JSON.parse(fs.readFileSync(path.join(gen.jsonDir, part.replace(/\.yaml$/, '.json')), 'utf8')) as unknown;
        assert.deepStrictEqual(fastParseYaml(text, DEFAULT_LIMITS)?.data, json, `${part} reads as the data it was written from`);
      }
    });
  });

  void it('reads every YAML fixture the same with and without the fast reader', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (d.isFile() && /\.ya?ml$/.test(d.name)) files.push(full);
      }
    };
    walk(fixture());
    assert.ok(files.length >= 20, 'the fixtures are there');
    let fast = 0;
    for (const f of files) if (agrees(fs.readFileSync(f, 'utf8'))) fast++;
    assert.ok(fast >= files.length / 2, `most fixtures take the fast path (${fast} of ${files.length})`);
  });

  void it('takes the subset and declines what is outside it', () => {
    const fast = [
      '',
      '# only a comment\n\n',
      'a: 1\nb: x  # comment\n\n# tail\n',
      '- a: 1\n  b:\n  c: \n- x\n-\n- [a, "b" , c ]  \n',
      'k: >-\n  one\n  two\n\n  three\n\n# c\nz: 1',
      'k: |\n  line one\n  # not a comment\n\n  line two\n',
      'k: "a\\tb \\u00e9 \\x41 \\U0001F600 \\" \\\\ \\/"  \r\nq: \'it\'\'s\'\r\n',
      'types: [2, -0, 0x1F, 0o17, 1e3, .inf, -.Inf, .nan, -.5, 1.50, true, False, null, ~, "", 1997-01-21, 138-VI]\n',
      'n: 1\n1: n\n"x y": {en: A b, ru: "в"}\n__proto__: {polluted: yes}\nconstructor: 1\na/b~c: 2\n',
      '- id: x\n  list:\n    - one\n    # a comment inside\n    - two\n      # deeper\n  # at the map\n# at column 0\n- id: y\n',
      'a:\n  b:\n    c: 1\n      # attached to the value\n    # kept by the inner map\n',
      'no final newline: Қазақстан 𝒳',
    ];
    const slow = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      '%YAML 1.2\n---\na: 1\n', // directives
      '---\na: 1\n...\n', // document markers
      'a: 1\na: 2\n', // duplicate keys (yaml reports them)
      '1: a\n"1": b\n', // two keys, one pointer
      'a: one\n  two\n', // a plain scalar on two lines
      'a: "one\n  two"\n', // a quoted scalar on two lines
      'a: {b: [1]}\n', // nested flow collections
      'a:\n\t- 1\n', // a tab as indentation
      'a:\n- 1\n', // a sequence at its key's indentation
      'a: |2\n   x\n', // a block scalar with an indentation indicator
      'a: >\n  x\n    more indented\n', // more-indented lines of a folded scalar
      'a: b: c\n', // a mapping in a compact value
      '? a\n: b\n', // an explicit key
      '- - a\n', // a compact nested sequence
      'a:  # nothing\nb: 1\n', // an empty value with a comment
    ];
    for (const text of fast) assert.equal(agrees(text), true, `fast path for ${JSON.stringify(text)}`);
    for (const text of slow) assert.equal(agrees(text), false, `slow path for ${JSON.stringify(text)}`);
  });

  void it('leaves files nested deeper than the limit to the slow path, which refuses them', () => {
    const text = 'a:\n  b:\n    c:\n      d: [1]\n';
    // The item of d's list is 5 levels below the root.
    assert.equal(agrees(text, { ...DEFAULT_LIMITS, maxDepth: 5 }), true);
    assert.equal(agrees(text, { ...DEFAULT_LIMITS, maxDepth: 4 }), false);
    assert.equal(parseCorpusText(text, { ...DEFAULT_LIMITS, maxDepth: 4 }).fatal, true);
    assert.equal(fastParseYaml(`${'- '.repeat(100_000)}x\n`, DEFAULT_LIMITS), undefined);
  });

  void it('stays linear and never throws on hostile text', () => {
    const big = 2_000_000;
    const texts = [
      'a'.repeat(big),
      `a: ${'x'.repeat(big)}\n`,
      `a: "${'\\'.repeat(big)}`,
      `- "${'x'.repeat(big)}`,
      `a: [${'x, '.repeat(big / 3)}`,
      `${'a: 1\n  '.repeat(big / 6)}`,
      `${' '.repeat(big)}a: 1\n`,
      `k: |\n${'  x\n'.repeat(big / 4)}`,
      `${'- a: 1\n  # c\n'.repeat(big / 16)}`,
      `${'#'.repeat(big)}`,
      `a: 1\n${'\n'.repeat(big)}b: 2\n`,
      `a: 1\u0000\n`,
      `${'a'.repeat(1200)}: 1\n`,
    ];
    for (const text of texts) {
      const start = performance.now();
      assert.doesNotThrow(() => fastParseYaml(text, DEFAULT_LIMITS));
      const ms = performance.now() - start;
      assert.ok(ms < 5000, `read ${text.length} characters in ${Math.round(ms)} ms`);
    }
  });

  void it(`reads random YAML in and around the subset exactly as yaml does (${RUNS} runs)`, (t) => {
    let cases = 0;
    let fast = 0;
    let tameCases = 0;
    let tameFast = 0;
    fc.assert(
      fc.property(yamlCase, ([tame, doc, seed, damage]) => {
        const text = render(doc, random(seed), damage, tame);
        const taken = agrees(text);
        cases++;
        if (taken) fast++;
        if (tame) {
          tameCases++;
          if (taken) tameFast++;
        }
      }),
      // The failing text is in the assertion's message: show it, not only fast-check's counterexample.
      { ...params(1), includeErrorInReport: true },
    );
    t.diagnostic(`fast path taken for ${fast} of ${cases} random texts (${tameFast} of ${tameCases} tame ones)`);
    assert.ok(tameFast >= tameCases * 0.5, `the fast path is taken often enough for the property to mean something (${tameFast} of ${tameCases} tame texts)`);
  });

  void it(`keeps exactly the entry spans with the entries detail on random corpus-shaped YAML (${RUNS} runs)`, (t) => {
    // How many kept spans of each kind the runs met, so that the property is seen to test something.
    const met = new Map<string, number>();
    fc.assert(
      fc.property(corpusCase, ([tame, doc, seed, damage]) => {
        const text = render(doc, random(seed), damage, tame);
        const full = parseCorpusText(text, DEFAULT_LIMITS);
        const fastPath = fastParseYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, DEFAULT_LIMITS) !== undefined;
        entriesDetailAgrees(text, DEFAULT_LIMITS, full, fastPath);
        if (!fastPath) return;
        for (const p of full.valueSpans.keys()) {
          if (!isEntrySpanPointer(p)) continue;
          const kind = p.replace(/\d+/g, 'n');
          met.set(kind, (met.get(kind) ?? 0) + 1);
        }
      }),
      { ...params(2), includeErrorInReport: true },
    );
    t.diagnostic(`kept spans met: ${[...met].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const kind of ['/n', '/n/id', '/n/articles/n', '/n/articles/n/paragraphs/n', '/n/urls/n', '/n/urls/n/url', '/n/related/n', '/n/about/n']) {
      assert.ok((met.get(kind) ?? 0) > 0, `the random documents hold ${kind}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random YAML: a random tree, written out with random layout choices and, sometimes, damage.

type Style = 'plain' | 'double' | 'single';
interface Scalar {
  readonly text: string;
  readonly style: Style;
}
type YNode =
  | { readonly t: 'scalar'; readonly s: Scalar }
  | { readonly t: 'empty' }
  | { readonly t: 'flow'; readonly map: boolean; readonly items: readonly Scalar[]; readonly keys: readonly Scalar[] }
  | { readonly t: 'block'; readonly header: string; readonly lines: readonly string[] }
  | { readonly t: 'map'; readonly entries: readonly (readonly [Scalar, YNode])[] }
  | { readonly t: 'seq'; readonly items: readonly YNode[] };

/** Scalars a corpus file could hold: words, numbers and the strings that look like other types. */
const SCALARS = [
  ...['', 'a', 'text', 'Two words', 'Law No. 18-VIII', 'Закон № 18', 'Қазақстан', 'a𝒳b', 'é', 'x\u2028y', 'x\u0085y', 'a\u00a0b', 'a"b', "a'b", 'a\\b', 'a/b', 'a~b', '~1', 'in\ttab'],
  ...['true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', 'NULL', 'nULL', '~'],
  ...['0', '-0', '+0', '1', '-1', '+12', '007', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1_000', '1,5', '1e3', '1E-3', '-1e+3', '.5', '-.5', '+.5', '5.', '1.50', '1.0'],
  ...['.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', '1997-01-21', '2023-09-09T10:00:00Z', '12:30', '138-VI', '-x', '--', 'a:b', 'a#b', 'a]', 'a}', 'a, b'],
  ...['<<', '__proto__', 'constructor', 'toString', 'http://example.com/a?b=1&c=2#frag', 'https://adilet.zan.kz/rus/docs/Z2300000018'],
];
/** Scalars that are not plain scalars, or not in block context. */
const TRICKY = ['a: b', 'a :b', 'a #b', '#x', '- x', '-', '? x', '?x', ':x', 'x:', '[a]', '{a}', ',x', '&a', '*a', '!x', '|', '>', '%x', '@x', '`x', '"q"', "'q'", '---', '...', ' lead', 'trail ', '\t'];
const CHARS = [...'ab z-:#,[]{}"\'\\\t.01e~&*!|>?%@`/', 'Ж', 'қ', '𝒳', '\u0301', '\u2028', '\r', '\n'];
const KEYS = ['id', 'kind', 'title', 'en', 'ru', 'a', 'b', 'a b', 'Ключ', '1', '01', '1.0', 'true', 'null', '~', '.inf', '0x1F', '-1', '__proto__', 'constructor', 'a/b', 'a~b', '<<', 'x'.repeat(40)];
const BLOCK_LINES = ['text', 'more text here', '', '', '# not a comment', 'a: b', '- item', 'trailing  ', 'Қазақ'];
const style = fc.constantFrom<Style>('plain', 'plain', 'plain', 'plain', 'double', 'single');

/**
 * Random documents. Tame ones keep to what corpus files hold (and so mostly to the fast
 * reader's subset); wild ones add scalars that are not plain, odd keys and block scalar headers.
 */
function documents(tame: boolean, keys: readonly string[] = KEYS): fc.Arbitrary<YNode> {
  const text = tame
    ? fc.constantFrom(...SCALARS)
    : fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...SCALARS) },
        { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
        { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 6 }) },
      );
  const scalar: fc.Arbitrary<Scalar> = fc.record({ text, style });
  const keyText = tame ? fc.constantFrom(...keys) : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keys, 'k:', 'k #x', '') }, { weight: 1, arbitrary: text });
  const key: fc.Arbitrary<Scalar> = fc.record({ text: keyText, style });
  const block = fc.record({
    t: fc.constant('block' as const),
    header: tame ? fc.constantFrom('|', '|-', '>', '>-', '>-') : fc.constantFrom('|', '|-', '>', '>-', '|+', '>2', '>-  # c', '|#c', '>1-'),
    lines: tame
      ? fc.tuple(fc.constantFrom(...BLOCK_LINES.filter((l) => l !== '')), fc.array(fc.constantFrom(...BLOCK_LINES), { maxLength: 4 })).map(([first, rest]) => [first, ...rest])
      : fc.array(fc.constantFrom(...BLOCK_LINES, '  indented', '\ttab'), { maxLength: 5 }),
  });
  const flow = fc.record({
    t: fc.constant('flow' as const),
    map: fc.boolean(),
    items: fc.array(scalar, { maxLength: 4 }),
    keys: fc.array(key, { minLength: 4, maxLength: 4 }),
  });
  const { node } = fc.letrec<{ node: YNode; map: YNode; seq: YNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: fc.record({ t: fc.constant('scalar' as const), s: scalar }) },
      { weight: 1, arbitrary: fc.constant({ t: 'empty' as const }) },
      { weight: 1, arbitrary: flow },
      { weight: 1, arbitrary: block },
      { weight: 2, arbitrary: tie('map') },
      { weight: 2, arbitrary: tie('seq') },
    ),
    map: fc.record({ t: fc.constant('map' as const), entries: fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }) }),
    seq: fc.record({ t: fc.constant('seq' as const), items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
  }));
  // Documents are mostly block collections, as corpus files are.
  return fc.oneof({ weight: 8, arbitrary: node.filter((n) => n.t === 'map' || n.t === 'seq') }, { weight: 1, arbitrary: node });
}

/** A document, whether it is tame, a seed for its layout, whether it is damaged. */
const yamlCase = fc.boolean().chain((tame) => fc.tuple(fc.constant(tame), documents(tame), fc.integer(), tame ? fc.constant(false) : fc.boolean()));

/** Keys of corpus entries whose spans the `entries` detail keeps or passes by, and look-alikes. */
const CORPUS_KEYS = ['id', 'articles', 'paragraphs', 'urls', 'url', 'related', 'about', 'number', 'title', 'en', 'kind', '0', '1', '01', '2', 'Id', 'articles ', 'a/b'];

/**
 * Corpus-shaped documents: mostly a sequence of entries whose fields hold what the corpus format
 * puts there (articles with paragraphs, urls as strings or mappings, lists of ids), each field
 * now and then holding any other node with corpus keys instead (a mapping of digit keys where a
 * sequence belongs, a scalar where a list belongs...).
 */
function corpusDocuments(tame: boolean): fc.Arbitrary<YNode> {
  const odd = documents(tame, CORPUS_KEYS);
  const scalar: fc.Arbitrary<YNode> = fc.record({ t: fc.constant('scalar' as const), s: fc.record({ text: fc.constantFrom('a-1', 'x', '2', '', 'https://example.com/a', 'Қазақ'), style }) });
  const keyed = (k: string): fc.Arbitrary<Scalar> => fc.record({ text: fc.constant(k), style });
  const either = (usual: fc.Arbitrary<YNode>) => fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: scalar });
  const mapOf = (fields: Record<string, fc.Arbitrary<YNode>>): fc.Arbitrary<YNode> =>
    fc
      .tuple(...Object.entries(fields).map(([k, v]) => fc.option(fc.tuple(keyed(k), either(v)), { freq: 3 })))
      .map((pairs) => pairs.filter((p): p is [Scalar, YNode] => p !== null))
      .filter((entries) => entries.length > 0)
      // In any order.
      .chain((entries) => fc.shuffledSubarray(entries, { minLength: entries.length }))
      .map((entries) => ({ t: 'map' as const, entries }));
  const seqOf = (item: fc.Arbitrary<YNode>): fc.Arbitrary<YNode> => fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => ({ t: 'seq' as const, items }));
  const flowOf = (map: boolean, keys: readonly string[]): fc.Arbitrary<YNode> =>
    fc.record({
      t: fc.constant('flow' as const),
      map: fc.constant(map),
      items: fc.array(fc.record({ text: fc.constantFrom('a-1', 'x', '2', 'https://example.com/b'), style }), { maxLength: 3 }),
      keys: fc.tuple(...[0, 1, 2, 3].map(() => fc.record({ text: fc.constantFrom(...keys), style }))),
    });
  const idList = fc.oneof(seqOf(scalar), flowOf(false, ['x']));
  const paragraph = mapOf({ number: scalar, title: scalar, 0: scalar });
  const article = mapOf({ number: scalar, paragraphs: fc.oneof(seqOf(paragraph), flowOf(false, ['x'])), title: scalar });
  const url = fc.oneof(scalar, mapOf({ url: scalar, kind: scalar }), flowOf(true, ['url', 'kind', 'url ', '0']));
  const entry = mapOf({ id: scalar, kind: scalar, articles: seqOf(article), urls: seqOf(url), related: idList, about: idList, title: scalar, 1: seqOf(article) });
  return fc.oneof({ weight: 6, arbitrary: seqOf(entry) }, { weight: 1, arbitrary: mapOf({ 0: entry, 1: entry, id: entry }) }, { weight: 1, arbitrary: odd });
}

/** A corpus-shaped document, whether it is tame, a seed for its layout, whether it is damaged. */
const corpusCase = fc.boolean().chain((tame) => fc.tuple(fc.constant(tame), corpusDocuments(tame), fc.integer(), tame ? fc.constant(false) : fc.boolean()));

/** A small seeded random number generator (mulberry32), for layout choices. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return (((x ^ (x >>> 14)) >>> 0) % 1_000_000) % n;
  };
}

function quote(s: Scalar, rnd: (n: number) => number): string {
  if (s.style === 'single') return `'${s.text.replace(/'/g, "''")}'`;
  if (s.style === 'plain') return s.text;
  let out = '"';
  for (const ch of s.text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += rnd(2) ? '\\t' : '\t';
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (rnd(12) === 0) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else if (rnd(40) === 0) out += `\\${['/', ' ', 'N', '_', 'e', '0', 'q', 'x4'][rnd(8)]}${ch}`;
    else out += ch;
  }
  return `${out}"`;
}

function flowText(n: Extract<YNode, { t: 'flow' }>, rnd: (n: number) => number): string {
  const sp = () => [' ', '', '', '  ', '\t'][rnd(5)]!;
  const items = n.items.map((s, i) => (n.map ? `${quote(n.keys[i]!, rnd)}${[':', ':', ' :'][rnd(3)]}${sp() || ' '}${quote(s, rnd)}` : quote(s, rnd)));
  const [open, close] = n.map ? ['{', '}'] : ['[', ']'];
  return `${open}${sp()}${items.join(`${sp()},${sp()}`)}${rnd(15) === 0 ? ',' : ''}${sp()}${close}`;
}

/** Layout choices for the document being written: tame documents use no tabs and no odd indentation. */
const layout = { tame: false };

/** The lines of `n` as the value after `prefix` (a key and ':', or '-'), indented at least `indent + 1` below it. */
function valueLines(n: YNode, prefix: string, indent: number, rnd: (n: number) => number, out: string[], item = false): void {
  const sp = [' ', ' ', ' ', ' ', ' ', ' ', '  ', '  ', '   ', '\t'][rnd(layout.tame ? 9 : 10)]!;
  const step = () => [1, 2, 2, 2, 3, 4][rnd(6)]!;
  switch (n.t) {
    case 'scalar':
      out.push(`${prefix}${sp}${quote(n.s, rnd)}`);
      return;
    case 'empty':
      out.push(prefix);
      return;
    case 'flow':
      out.push(`${prefix}${sp}${flowText(n, rnd)}`);
      return;
    case 'block': {
      out.push(`${prefix}${sp}${n.header}`);
      const pad = ' '.repeat(indent + step());
      for (const l of n.lines) out.push(l === '' ? ' '.repeat(rnd(pad.length + (layout.tame ? 1 : 2))) : pad + l);
      return;
    }
    case 'map':
    case 'seq': {
      if (item && (n.t === 'map' ? rnd(3) > 0 : rnd(8) === 0)) {
        // `- key: value` / `- - x`: the collection starts on the dash line.
        const lead = sp === '\t' ? ' ' : sp;
        const col = prefix.length + lead.length;
        const inner: string[] = [];
        collectionLines(n, col, rnd, inner);
        inner[0] = prefix + lead + inner[0]!.slice(col);
        out.push(...inner);
      } else {
        out.push(rnd(8) === 0 ? `${prefix}  # about the value` : prefix);
        collectionLines(n, n.t === 'seq' && !layout.tame && rnd(6) === 0 ? indent : indent + step(), rnd, out);
      }
      return;
    }
  }
}

function collectionLines(n: YNode, indent: number, rnd: (n: number) => number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (n.t === 'map') {
    for (const [k, v] of n.entries) valueLines(v, `${pad}${quote(k, rnd)}${rnd(20) === 0 ? ' ' : ''}:`, indent, rnd, out);
  } else if (n.t === 'seq') {
    for (const v of n.items) valueLines(v, `${pad}-`, indent, rnd, out, true);
  } else valueLines(n, '', indent, rnd, out);
}

const NOTES = ['# note', '#', '# a: b', '#  - x', '# Комментарий'];
const DAMAGE = [' ', '  ', '\t', '#', ':', '-', '"', "'", '\n', '\r\n', '\r', '[', ']', '{', '}', ',', 'x', '\\', '&', '*', '!', '|', '>', '?', '---\n', '\u0000', '\ufeff'];

function render(doc: YNode, rnd: (n: number) => number, damage: boolean, tame = false): string {
  layout.tame = tame;
  const lines: string[] = [];
  if (rnd(3) === 0) lines.push('# A corpus file', '');
  collectionLines(doc, 0, rnd, lines);
  // Trivia: trailing spaces and comments, comment lines at any indentation, blank lines.
  const decorated: string[] = [];
  for (const line of lines) {
    let l = line;
    const r = rnd(30);
    if (r === 0) l += [' ', '  ', '\t', ' \t'][rnd(4)];
    else if (r === 1) l += ['  # c', ' #c', '\t# c', '#c'][rnd(4)];
    decorated.push(l);
    const after = rnd(14);
    if (after === 0) decorated.push(' '.repeat(rnd(10)) + NOTES[rnd(NOTES.length)]!);
    else if (after === 1) decorated.push(' '.repeat(rnd(4)));
  }
  const eol = rnd(5) === 0 ? '\r\n' : '\n';
  let text = decorated.join(eol);
  const end = rnd(6);
  if (end === 0) text += eol + eol;
  else if (end === 1) text += eol + ' '.repeat(rnd(6)) + NOTES[rnd(NOTES.length)]!;
  else if (end > 1 && end < 5) text += eol;
  if (rnd(40) === 0) text = `\ufeff${text}`;
  if (damage) {
    for (let i = 1 + rnd(2); i > 0; i--) {
      const at = rnd(text.length + 1);
      const op = rnd(3);
      if (op === 0) text = text.slice(0, at) + DAMAGE[rnd(DAMAGE.length)]! + text.slice(at);
      else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + rnd(3));
      else text = text.slice(0, at) + DAMAGE[rnd(DAMAGE.length)]! + text.slice(at + 1);
    }
  }
  return text;
}
