/**
 * Properties of the engine over random memos (English, Russian and Kazakh mixed; citations,
 * footnotes, code blocks, astral characters, combining marks, CRLF) and random edit sequences:
 * incremental reading equals a fresh reading, nothing throws, every range lies inside its
 * document without splitting a surrogate pair, and quick fixes and renames change only the text
 * they name.
 *
 * Each property runs a fixed number of seeded cases, so `npm test` is deterministic. A failure
 * prints fast-check's seed and path; replay it with
 * `LEXLENS_FC_SEED=<seed> LEXLENS_FC_PATH=<path> node --test out/test/unit/properties.test.js`,
 * or run more cases with `LEXLENS_FC_RUNS=5000`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { readFileState } from '../../server/src/engine/corpus/corpus.js';
import { createEngine, RULE_IDS, type Diagnostic, type DocumentSnapshot, type FileEdit, type RuleConfig, type Span } from '../../server/src/engine/index.js';
import type { TextEdit } from '../../server/src/engine/features/codeActions.js';
import { analyzeMemo, joinChunks, readChunks, resolveMemo, type ChunkCache, type ChunkedMemo, type MemoAnalysis } from '../../server/src/engine/memo/analyze.js';
import { memoDiagnostics } from '../../server/src/engine/features/diagnostics.js';
import { RecentMap } from '../../server/src/engine/recentMap.js';
import { applyEdits, corpusSchema, loadFolders } from '../helpers/engine.js';
import { propertyRuns } from '../helpers/fastCheck.js';
import { fixture } from '../helpers/paths.js';

const { runs: RUNS, params } = propertyRuns(20240422, 200);

/** Counts of cases tried, reported at the end of the run (see the closing note of the suite). */
const tried: Record<string, number> = {};
const count = (name: string) => {
  tried[name] = (tried[name] ?? 0) + 1;
};

// ---------------------------------------------------------------------------------------------
// Generators

const CORPUS_KEYS = ['kz-online-platforms-2023', 'kz-communications-2004', 'eu-dsa-2022', 'balaeva-2024-04-22', 'tiktok-kazinform-2024-04', 'dayyrbekov-kursiv-2024-04'];
const KEYS = [...CORPUS_KEYS, 'no-such-key', 'kz-online-platforms-202', 'eu-dsa-2022.', 'x', 'ключ-2024', 'a𝒳b'];
const PINS = ['', ', art. 9', ', art. 9(1)', ', art. 99', ', ст. 9 п. 1', ', п. 4 ст. 9', ', 9-бап 1-тармақ', ', para. 4', ', pp. 3-4', ', art. 9(4)(2)', ', art.', ', '];
const PROSE = [
  'Platforms must appoint a legal representative',
  'TikTok removed 4 million videos in 2023',
  'According to the ministry, 14.1 million people use TikTok',
  'The Online Platforms Law obliges platforms to act',
  'The Digital Services Act is the strictest regime in Europe',
  'Balaeva said on 22 April 2024 that "TikTok will not be blocked"',
  'We recommend a phased approach',
  'Платформы обязаны назначить представителя',
  'По данным министерства, более 4 млн видео удалено',
  'Указанный Закон также обязывает платформы',
  'Закон о связи действует с 2004 года',
  'Платформа заңды өкіл тағайындауға міндетті',
  'Аталған Заң платформаларды міндеттейді',
  'The Law applies',
  'Id.',
  'там же',
  'e\u0301te\u0301 и\u0306 😀 𝒳 🇰🇿 مرحبا שלום',
];
/** Characters and markup that tend to break readers. */
const ODD = ['😀', '𝒳', '🇰🇿', 'e\u0301', '\u0301', 'и\u0306', '\u200f', '\u202e', 'مرحبا', 'שלום', '\t', '  ', '*', '_', '`', '[', ']', '@', '<', '>', '|', '#', '\\', '\u0000', '\uFFFD', '\u2028'];
const TERMINATORS = ['.', '', '!', '?', '…', '."', '».'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const citation = fc
  .tuple(fc.array(fc.tuple(pick(['', 'see ', '-']), pick(KEYS), pick(PINS)), { minLength: 1, maxLength: 3 }))
  .map(([items]) => `[${items.map(([pre, key, pin]) => `${pre}@${key}${pin}`).join('; ')}]`);
const inTextCitation = fc.tuple(pick(KEYS), pick(['', ' [art. 9]', ' [ст. 9]'])).map(([k, loc]) => `@${k}${loc}`);

const sentence = fc
  .tuple(pick(PROSE), fc.option(pick(ODD), { nil: '' }), fc.option(fc.oneof(citation, inTextCitation, pick([' [^1]', '[^note]'])), { nil: '' }), pick(TERMINATORS))
  .map(([p, odd, cite, end]) => `${p}${odd}${cite ? ` ${cite}` : ''}${end}`);

const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: sentence },
  { weight: 2, arbitrary: fc.array(sentence, { minLength: 2, maxLength: 3 }).map((s) => s.join(' ')) },
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.tuple(pick(['# ', '## ', '### ']), sentence).map(([h, s]) => h + s) },
  { weight: 2, arbitrary: fc.tuple(pick(['- ', '* ', '1. ', '  - ', '    ', '> ', '> > ', '>']), sentence).map(([m, s]) => m + s) },
  { weight: 1, arbitrary: fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |`) },
  { weight: 1, arbitrary: pick(['| a | b |', '|---|---|', '| --- | :-: |']) },
  { weight: 2, arbitrary: pick(['```', '~~~', '```yaml', '    code [@no-such-key] must 4 million', 'Use `[@no-such-key]` and `code` here.']) },
  { weight: 1, arbitrary: sentence.map((s) => `[^1]: ${s}`) },
  {
    weight: 2,
    arbitrary: pick([
      '<!-- lexlens-disable-next-line unsourced-claim -->',
      '<!-- lexlens-disable-next-line unknown-citation -- reason -->',
      '<!-- lexlens-disable figure-mismatch -->',
      '<!-- lexlens-enable figure-mismatch -->',
      '<!--',
      '-->',
      '# lexlens-disable-next-line unsourced-claim',
      '<div>html</div>',
    ]),
  },
  { weight: 1, arbitrary: pick(['See [the law](https://adilet.zan.kz/rus/docs/Z2300000018 "t").', '<https://example.com/@x>', 'Write to a@kz-online-platforms-2023.kz today.', '![img](x.png)']) },
  { weight: 1, arbitrary: pick(['---', 'date: 2024-06-01', 'title: Memo', '...']) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

const EOLS = ['\n', '\r\n'];
/** A memo: lines with LF or CRLF ends (mixed in some memos), sometimes with front matter. */
const memoText = fc
  .tuple(fc.array(fc.tuple(line, pick(EOLS)), { minLength: 1, maxLength: 24 }), fc.oneof(pick(EOLS), fc.constant('mixed')), fc.boolean())
  .map(([lines, eol, frontMatter]) => {
    const body = lines.map(([l, e]) => l + (eol === 'mixed' ? e : eol)).join('');
    const nl = eol === 'mixed' ? '\n' : eol;
    return frontMatter ? `---${nl}date: 2024-06-01${nl}---${nl}${body}` : body;
  });

const languageId = fc.oneof({ weight: 4, arbitrary: fc.constant('markdown') }, { weight: 1, arbitrary: fc.constant('plaintext') });

/** What an edit inserts: markup, odd characters, whole lines or random text. */
const insertion = fc.oneof(
  pick([...ODD, '\n', '\r\n', '\n\n', '\r', '```\n', '~~~', '[@', '@', ']', ', art. 9', '[^1]', '[^1]: ', '<!--', '-->', '# ', '- ', '> ', '---\n', '. ', 'must ', '4 million ', 'Закон ', 'міндетті ', '', '\ud83d']),
  line,
  citation,
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}
const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 200 })), insert: insertion });
const edits = fc.array(edit, { minLength: 1, maxLength: 8 });

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** True when `offset` falls between the two halves of a surrogate pair of `text`. */
const splitsPair = (text: string, offset: number) => offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
/** Moves an offset off the middle of a surrogate pair, as an editor does. */
const snap = (text: string, offset: number) => (splitsPair(text, offset) ? offset - 1 : offset);

/** Applies a random edit the way an editor would: offsets inside the text, pairs kept whole. */
function applyEdit(text: string, e: Edit): string {
  const start = snap(text, e.at % (text.length + 1));
  const end = snap(text, Math.min(text.length, start + e.remove));
  return text.slice(0, start) + e.insert + text.slice(end);
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Fails unless `span` lies inside `text` and neither end splits a surrogate pair. */
function assertSpan(text: string, span: Span, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: ${JSON.stringify(span)} lies inside a text of length ${text.length}`);
  assert.ok(!splitsPair(text, span.start) && !splitsPair(text, span.end), `${what}: ${JSON.stringify(span)} does not split a surrogate pair`);
}

/**
 * An analysis as plain data: its suppressions (a function) become, for every rule, the line and
 * sentence starts they silence.
 */
function comparable(a: MemoAnalysis): unknown {
  const probes = [0, ...a.sentences.map((x) => x.span.start), ...[...a.text.matchAll(/\n/g)].map((m) => m.index + 1)];
  return { ...a, suppressions: RULE_IDS.map((r) => probes.filter((o) => a.suppressions.isSuppressed(r, o))) };
}

const keysOf = (text: string, id: string) => analyzeMemo(text, id).citations.flatMap((c) => c.items.map((it) => it.key));
/** A finding as something to compare: rule, span, covered text and message. */
const view = (text: string, ds: readonly Diagnostic[]) => ds.map((d) => ({ rule: d.rule, severity: d.severity, span: d.span, text: text.slice(d.span.start, d.span.end), message: d.message }));

/** Where an offset of the text before a single edit lands after it. */
function mapOffset(o: number, e: TextEdit, isEnd: boolean): number {
  const delta = e.newText.length - (e.span.end - e.span.start);
  if (o < e.span.start || (isEnd && o === e.span.start && e.span.start === e.span.end)) return o;
  if (o >= e.span.end) return o + delta;
  return e.span.start; // inside the replaced text
}

// ---------------------------------------------------------------------------------------------

const corpus: Corpus = loadFolders(fixture('corpus-unit'));
const CONFIG: RuleConfig = { rules: {}, asOf: '2024-06-01' };
const CONFIGS: RuleConfig[] = [CONFIG, { rules: { 'uncited-law-mention': 'warning', 'unverified-source': 'error' }, asOf: '2024-06-01' }, { rules: { 'unsourced-claim': 'off' }, asOf: '2010-01-01' }];

void describe('engine properties (fast-check, seeded)', () => {
  void it(`reads a memo with a cache warmed by its earlier versions exactly as it reads it fresh (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(memoText, languageId, edits, (first, id, es) => {
        count('incremental analysis');
        const cache: ChunkCache = new Map();
        let text = first;
        assert.deepStrictEqual(comparable(analyzeMemo(text, id, cache)), comparable(analyzeMemo(text, id)));
        for (const e of es) {
          text = applyEdit(text, e);
          assert.deepStrictEqual(comparable(analyzeMemo(text, id, cache)), comparable(analyzeMemo(text, id)), 'incremental analysis equals a fresh one');
        }
      }),
      params(1),
    );
  });

  void it(`reads a memo from its earlier versions' chunks exactly as it reads it fresh (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(memoText, memoText, languageId, edits, (first, other, id, es) => {
        count('chunks from earlier versions');
        const cache: ChunkCache = new Map();
        // Earlier versions, most recent first, and another memo among them.
        const previous: ChunkedMemo[] = [readChunks(other, id, cache)];
        let text = first;
        for (const e of [undefined, ...es]) {
          if (e) text = applyEdit(text, e);
          const memo = readChunks(text, id, cache, previous);
          const fresh = readChunks(text, id);
          assert.deepStrictEqual(
            memo.chunks.map((c) => [c.start, c.end, c.key]),
            fresh.chunks.map((c) => [c.start, c.end, c.key]),
            'the same chunks',
          );
          assert.deepStrictEqual(comparable(joinChunks(memo)), comparable(analyzeMemo(text, id)), 'the same analysis');
          previous.unshift(memo);
        }
      }),
      params(7),
    );
  });

  void it('takes chunks from an earlier version only where the split cannot have changed', () => {
    // [before, after]: edits that change where chunks end far from the edit, or just before it.
    const cases: [string, string][] = [
      ['para\n\n\n', 'para\n\n\n  indented'], // text after a trailing blank line decides the chunk before
      ['para\n\n\n', 'para\n\n\n\tx'],
      ['- a\n\nb\n\nc\n\nd\n', '- a\n\n  b\n\nc\n\nd\n'], // an indented line continues the list before it
      ['a\n\nb\n\nc\n\nd\n', 'a\n\n```\nb\n\nc\n\nd\n'], // a fence opened mid-memo runs to the end
      ['a\n\n<!-- x -->\n\nc\n\nd\n', 'a\n\n<!-- x \n\nc\n\nd\n'], // so does a comment
      ['---\ndate: 2024-06-01\n---\n\na\n\nb\n', '--\ndate: 2024-06-01\n---\n\na\n\nb\n'], // front matter no more
      ['a\n\nb\n\nc\n', 'a\n\nb\n\nc\n\n'],
      ['a\n\nb\n\nc\n', 'a\n\nbc\n'],
    ];
    for (const [before, after] of cases) {
      for (const id of ['markdown', 'plaintext']) {
        const cache: ChunkCache = new Map();
        const memo = readChunks(after, id, cache, [readChunks(before, id, cache)]);
        assert.deepStrictEqual(
          memo.chunks.map((c) => [c.start, c.end]),
          readChunks(after, id).chunks.map((c) => [c.start, c.end]),
          JSON.stringify([before, after]),
        );
      }
    }
  });

  // One engine for every run: its caches have seen every memo and edit before this one.
  const longLived = createEngine(corpus);
  void it(`gives diagnostics read chunk by chunk that are those of the whole memo read at once (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(memoText, languageId, edits, pick(CONFIGS), pick([undefined, 'ru', 'kk'] as const), (first, id, es, config, locale) => {
        count('chunked diagnostics');
        const cfg: RuleConfig = locale ? { ...config, locale } : config;
        let text = first;
        for (const e of [undefined, ...es]) {
          if (e) text = applyEdit(text, e);
          const whole = memoDiagnostics(resolveMemo(analyzeMemo(text, id), longLived.index), longLived.index, cfg);
          assert.deepStrictEqual(longLived.diagnostics({ text, languageId: id }, cfg), whole, 'chunk by chunk as at once');
        }
      }),
      params(8),
    );
  });
  void it(`gives the same diagnostics from a long-lived engine after edits as from a fresh engine (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(memoText, languageId, edits, pick(CONFIGS), fc.array(fc.nat(), { maxLength: 4 }), (first, id, es, config, probes) => {
        count('incremental diagnostics');
        let text = first;
        longLived.diagnostics({ text, languageId: id }, config);
        for (const e of es) {
          text = applyEdit(text, e);
          const doc: DocumentSnapshot = { text, languageId: id };
          // Other requests in between, as an editor sends them.
          for (const p of probes) {
            longLived.hover(doc, p % (text.length + 1));
            longLived.completion(doc, p % (text.length + 1));
          }
          const warm = longLived.diagnostics(doc, config);
          const fresh = createEngine(corpus).diagnostics(doc, config);
          assert.deepStrictEqual(view(text, warm), view(text, fresh), 'a long-lived engine agrees with a fresh one');
        }
      }),
      params(2),
    );
  });

  void it(`answers every request without throwing, with ranges inside the document that never split a surrogate pair (${RUNS} runs)`, () => {
    const corpusTexts = new Map<string, string>();
    const corpusText = (file: string) => {
      let t = corpusTexts.get(file);
      if (t === undefined) corpusTexts.set(file, (t = fs.readFileSync(file, 'utf8')));
      return t;
    };
    fc.assert(
      fc.property(memoText, languageId, edits, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (first, id, es, probes) => {
        count('requests and ranges');
        const engine = longLived;
        let text = first;
        for (const e of [undefined, ...es]) {
          if (e) text = applyEdit(text, e);
          const doc: DocumentSnapshot = { text, languageId: id };
          for (const d of engine.diagnostics(doc, CONFIG)) assertSpan(text, d.span, `diagnostic ${d.rule}`);
          for (const l of engine.documentLinks(doc)) assertSpan(text, l.span, 'document link');
          for (const l of engine.codeLenses(doc)) {
            assertSpan(text, l.span, 'code lens');
            for (const s of l.unsourced) assertSpan(text, s, 'code lens claim');
          }
          const table = engine.authorities(doc);
          for (const a of [...table.laws.flatMap((g) => g.entries), ...table.statements, ...table.other]) {
            for (const n of a.lines) assert.ok(n >= 1 && n <= text.split(/\r\n|\r|\n/).length, `authority line ${n} is a line of the memo`);
          }
          for (const p of probes) {
            // Any offset, the middle of a surrogate pair included: the server passes positions through.
            const o = p % (text.length + 1);
            const h = engine.hover(doc, o);
            if (h) assertSpan(text, h.span, 'hover');
            for (const c of engine.completion(doc, o).items) assertSpan(text, c.replace, `completion ${c.label}`);
            const def = engine.definition(doc, o);
            if (def) assertSpan(corpusText(def.file), def.span, 'definition');
            const range = { start: Math.min(o, snap(text, (p >> 3) % (text.length + 1))), end: Math.max(o, snap(text, (p >> 3) % (text.length + 1))) };
            for (const a of engine.codeActions(doc, range, CONFIG)) {
              for (const ed of a.edits) assertSpan(text, ed.span, `code action "${a.title}"`);
              assertSpan(text, a.fixes.span, `code action "${a.title}" diagnostic`);
            }
            const key = engine.entryAt(doc, o);
            if (key) {
              const files = [{ file: '/memo.md', doc }];
              for (const l of engine.references(files, key)) assertSpan(text, l.span, 'reference');
            }
          }
        }
      }),
      params(3),
    );
  });

  void it(`applies every quick fix as an edit of only the text it names (${RUNS} runs)`, () => {
    let applied = 0;
    fc.assert(
      fc.property(memoText, languageId, fc.nat(), (text, id, which) => {
        count('quick fixes');
        const doc: DocumentSnapshot = { text, languageId: id };
        const diags = longLived.diagnostics(doc, CONFIG);
        if (diags.length === 0) return;
        const d = diags[which % diags.length]!;
        const actions = longLived.codeActions(doc, d.span, CONFIG).filter((a) => a.fixes.rule === d.rule && a.fixes.span.start === d.span.start && a.fixes.span.end === d.span.end);
        assert.ok(actions.length > 0, `a ${d.rule} finding has at least its suppression fix`);
        const before = keysOf(text, id);
        for (const a of actions) {
          applied++;
          assert.equal(a.edits.length, 1, `"${a.title}" is one edit`);
          const e = a.edits[0]!;
          assertSpan(text, e.span, `"${a.title}"`);
          const after = applyEdits(text, a.edits);
          // The diff between the texts is exactly the edit.
          assert.equal(after.slice(0, e.span.start), text.slice(0, e.span.start), `"${a.title}" leaves the text before it alone`);
          assert.equal(after.slice(e.span.start + e.newText.length), text.slice(e.span.end), `"${a.title}" leaves the text after it alone`);
          const keys = keysOf(after, id);
          if (a.title.startsWith('Replace with @')) {
            assert.ok(d.data?.kind === 'unknown-key');
            assert.equal(text.slice(e.span.start, e.span.end), d.data.key, 'the replacement covers exactly the unknown key');
            const i = analyzeMemo(text, id).citations.flatMap((c) => c.items).findIndex((it) => it.keySpan.start === d.span.start);
            assert.ok(i >= 0, 'the unknown key is a cited key');
            const expected = [...before];
            expected[i] = e.newText;
            assert.deepEqual(keys, expected, `"${a.title}" changes that key and no other citation`);
          } else if (a.title.startsWith('Cite ')) {
            assert.equal(e.span.start, e.span.end, 'a citation is inserted, nothing removed');
            const added = /^ \[@([a-z0-9][a-z0-9._:-]*)(?:, [^\]]+)?\]$/.exec(e.newText);
            assert.ok(added, `"${e.newText}" is one bracketed citation`);
            const newCitations = analyzeMemo(after, id).citations.flatMap((c) => c.items);
            const inserted = newCitations.find((it) => it.keySpan.start === e.span.start + 3);
            assert.equal(inserted?.key, added[1], `the memo reads the inserted citation of ${added[1]}`);
            const rest = newCitations.filter((it) => it !== inserted).map((it) => it.key);
            assert.deepEqual(rest, before, `"${a.title}" keeps every other citation`);
          } else {
            assert.match(a.title, /^Suppress /);
            assert.equal(e.span.start, e.span.end, 'a suppression comment is inserted, nothing removed');
            if (/[\r\n]/.test(e.newText)) {
              assert.ok(e.span.start === 0 || text[e.span.start - 1] === '\n' || text[e.span.start - 1] === '\r', 'a comment line starts a line');
              assert.match(e.newText, /^[ \t]*(?:<!--|#)[^\r\n]*(?:\r\n|\n)$/, 'a comment line is one line of its own');
            } else assert.match(e.newText, /^ ?<!-- lexlens-disable-line [a-z-]+ -- reason --> ?$/, 'or a comment on the finding\'s line');
            assert.deepEqual(keys, before, 'a suppression keeps every citation');
            const moved = { start: mapOffset(d.span.start, e, false), end: mapOffset(d.span.end, e, true) };
            const still = longLived.diagnostics({ text: after, languageId: id }, CONFIG).filter((x) => x.rule === d.rule && x.span.start === moved.start && x.span.end === moved.end);
            assert.deepEqual(still, [], `"${a.title}" suppresses the finding it names`);
          }
        }
      }),
      params(4),
    );
    assert.ok(applied > RUNS / 2, `quick fixes were tried (${applied})`);
  });

  void it(`renames a key by editing only its citations in memos and its id and references in the corpus (${RUNS} runs)`, () => {
    const engine = createEngine(corpus);
    const files = corpus.files.map((f) => ({ file: f.file, text: fs.readFileSync(f.file, 'utf8') }));
    const newKeyArb = fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9._:-]{0,14}$/), pick([...CORPUS_KEYS, 'new-key', 'x', 'a.', 'b-', 'c:d', 'Upper', 'with space', '']));
    let renamed = 0;
    fc.assert(
      fc.property(fc.array(memoText, { minLength: 1, maxLength: 3 }), pick(CORPUS_KEYS), newKeyArb, (texts, key, newKey) => {
        count('renames');
        const memos = texts.map((text, i) => ({ file: `/ws/memo-${i}.md`, doc: { text, languageId: 'markdown' } }));
        const result = engine.rename(memos, key, newKey);
        const readsBack = keysOf(`[@${newKey}]`, 'markdown').join() === newKey && /^[a-z0-9][a-z0-9._:-]*$/.test(newKey);
        const free = newKey === key || !engine.index.get(newKey);
        assert.equal(result.ok, readsBack && free, `rename to "${newKey}" is ${readsBack && free ? 'accepted' : 'refused'}${result.ok ? '' : `: ${result.message}`}`);
        if (!result.ok) return;
        renamed++;
        const all: readonly FileEdit[] = result.edits;
        for (const m of memos) {
          const mine = all.filter((e) => e.file === m.file);
          const text = m.doc.text;
          for (const e of mine) {
            assertSpan(text, e.span, 'rename edit');
            assert.equal(text.slice(e.span.start, e.span.end), key, 'a rename edit covers exactly the old key');
          }
          const after = applyEdits(text, mine);
          assert.deepEqual(keysOf(after, 'markdown'), keysOf(text, 'markdown').map((k) => (k === key ? newKey : k)), 'every citation of the key, and nothing else, is renamed');
        }
        for (const f of files) {
          const mine = all.filter((e) => e.file === f.file);
          for (const e of mine) assertSpan(f.text, e.span, 'corpus rename edit');
          const before = readFileState(f.text, f.file, false, corpusSchema());
          const after = readFileState(applyEdits(f.text, mine), f.file, false, corpusSchema());
          const withNewKey = (k: string): string => (k === key ? newKey : k);
          assert.deepEqual(
            after.source.all().map((e) => [e.id, e.related, e.about]),
            before.source.all().map((e) => [withNewKey(e.id), e.related.map(withNewKey), e.about.map(withNewKey)]),
            'the corpus keeps every entry, with the key renamed in its id and references',
          );
        }
      }),
      params(5),
    );
    assert.ok(renamed > RUNS / 4, `renames were tried (${renamed})`);
  });

  void it(`keeps in an engine cache every entry recent reads used, and only a bounded number of others (${RUNS} runs)`, () => {
    const HOT = [1000, 1001, 1002, 1003];
    const op = fc.record({ set: fc.boolean(), key: fc.nat({ max: 60 }), value: fc.nat() });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 5 }), { maxLength: 100 }), (reads) => {
        count('recent map');
        const map = new RecentMap<number, number>(8, 3);
        const last = new Map<number, number>();
        for (const k of HOT) map.set(k, k);
        for (const ops of reads) {
          map.tick();
          // An open document reads these on every request: they are never dropped.
          for (const k of HOT) assert.equal(map.get(k), k, `the entry in use (${k}) is kept`);
          for (const o of ops) {
            if (o.set) {
              map.set(o.key, o.value);
              last.set(o.key, o.value);
            } else {
              const v = map.get(o.key);
              assert.ok(v === undefined || v === last.get(o.key), 'a hit is the value last set');
            }
          }
          assert.ok(map.size <= 2 * (8 + 3 * 5 + HOT.length), `the cache stays bounded (${map.size})`);
        }
      }),
      params(6),
    );
  });

  void it('reports the number of cases tried', (t) => {
    // The closing note of a run: how many cases each property tried (a failing property throws above).
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    t.diagnostic(`property cases tried: ${JSON.stringify(tried)} (total ${total}, seeds ${params(1).seed}…${params(6).seed})`);
    assert.ok(total >= RUNS, 'the properties ran');
  });
});
