/**
 * The labelled evaluation of the memo reader: runs the real engine over the bundled corpus on
 * hand-labelled sentences (test/fixtures/eval/claims.yaml) and law mentions
 * (test/fixtures/eval/mentions.yaml), prints precision, recall and F1 per rule and per language,
 * lists every miss and false positive, and exits 1 when a target of the issue is missed:
 * law mentions precision and recall ≥ 0.95, unsourced-claim recall ≥ 0.9 and precision ≥ 0.85,
 * and no figure-mismatch on a correctly cited figure. A fixture that is not well formed exits 2.
 *
 * Each sentence is read as a one-paragraph Markdown memo, so headings, tables, code and front
 * matter in a fixture are read the way the editor reads them.
 */
import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { loadCorpus, loadSchema } from '../../server/src/engine/corpus/source.js';
import { createEngine, type Engine } from '../../server/src/engine/index.js';
import { dataDir, fixture } from '../helpers/paths.js';

const LANGS = ['en', 'ru', 'kk'] as const;
type Lang = (typeof LANGS)[number];
const CLAIM_RULES = ['unsourced-claim', 'figure-mismatch', 'quote-mismatch', 'date-mismatch'] as const;
type ClaimRule = (typeof CLAIM_RULES)[number];

interface ClaimCase {
  readonly id: string;
  readonly lang: Lang;
  readonly text: string;
  readonly expect: readonly ClaimRule[];
}

interface MentionCase {
  readonly id: string;
  readonly lang: Lang;
  readonly text: string;
  readonly mentions: readonly { readonly text: string; readonly id: string }[];
}

/** True positives, false positives and false negatives of one cell of a table. */
class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  get precision(): number {
    return this.tp + this.fp === 0 ? NaN : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? NaN : this.tp / (this.tp + this.fn);
  }
  get f1(): number {
    const p = this.precision;
    const r = this.recall;
    return p + r === 0 || Number.isNaN(p) || Number.isNaN(r) ? NaN : (2 * p * r) / (p + r);
  }
}

class FixtureError extends Error {}

function fail(file: string, where: string, what: string): never {
  throw new FixtureError(`${file}: ${where}: ${what}`);
}

function readList(file: string): Record<string, unknown>[] {
  const data = parseYaml(fs.readFileSync(fixture('eval', file), 'utf8')) as unknown;
  if (!Array.isArray(data)) fail(file, 'top level', 'expected a list of cases');
  return data.map((item, i) => {
    if (!item || typeof item !== 'object') fail(file, `item ${i + 1}`, 'expected a mapping');
    return item as Record<string, unknown>;
  });
}

function readCommon(file: string, raw: Record<string, unknown>, i: number, seen: Set<string>): { id: string; lang: Lang; text: string } {
  const id = typeof raw['id'] === 'string' ? raw['id'] : fail(file, `item ${i + 1}`, 'needs an `id`');
  if (seen.has(id)) fail(file, id, 'repeats an id');
  seen.add(id);
  const lang = raw['lang'];
  if (typeof lang !== 'string' || !(LANGS as readonly string[]).includes(lang)) fail(file, id, '`lang` must be en, ru or kk');
  const text = typeof raw['text'] === 'string' && raw['text'].trim() ? raw['text'] : fail(file, id, 'needs a `text`');
  return { id, lang: lang as Lang, text };
}

function readClaims(): ClaimCase[] {
  const seen = new Set<string>();
  return readList('claims.yaml').map((raw, i) => {
    const common = readCommon('claims.yaml', raw, i, seen);
    const expect = raw['expect'];
    if (!Array.isArray(expect)) fail('claims.yaml', common.id, '`expect` must be a list of rule ids (empty for none)');
    for (const r of expect) if (!(CLAIM_RULES as readonly unknown[]).includes(r)) fail('claims.yaml', common.id, `\`${String(r)}\` is not an evaluated rule`);
    return { ...common, expect: expect as ClaimRule[] };
  });
}

function readMentions(engine: Engine): MentionCase[] {
  const seen = new Set<string>();
  return readList('mentions.yaml').map((raw, i) => {
    const common = readCommon('mentions.yaml', raw, i, seen);
    const list = raw['mentions'];
    if (!Array.isArray(list)) fail('mentions.yaml', common.id, '`mentions` must be a list (empty for a negative)');
    const mentions = list.map((m: unknown) => {
      const rec = (m ?? {}) as Record<string, unknown>;
      const text = rec['text'];
      const id = rec['id'];
      if (typeof text !== 'string' || typeof id !== 'string') fail('mentions.yaml', common.id, 'each mention needs `text` and `id`');
      if (!common.text.includes(text)) fail('mentions.yaml', common.id, `«${text}» is not in the text`);
      if (engine.index.get(id)?.kind !== 'law') fail('mentions.yaml', common.id, `\`${id}\` is not a law in the corpus`);
      return { text, id };
    });
    return { ...common, mentions };
  });
}

const fmt = (x: number) => (Number.isNaN(x) ? '   –' : x.toFixed(2));
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function row(label: string, t: Tally): string {
  return `${pad(label, 24)} ${lpad(String(t.tp), 4)} ${lpad(String(t.fp), 4)} ${lpad(String(t.fn), 4)}   ${fmt(t.precision)}  ${fmt(t.recall)}  ${fmt(t.f1)}`;
}
const HEADER = `${pad('', 24)}   TP   FP   FN   prec  recall    F1`;

function clip(s: string, n = 110): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function main(): number {
  const corpus = loadCorpus([{ path: dataDir, bundled: true }], loadSchema(dataDir));
  const engine = createEngine(corpus);
  const claims = readClaims();
  const mentionCases = readMentions(engine);
  const failures: string[] = [];

  // Sentences: for each rule, a sentence is a positive when the rule is expected, and the engine
  // is right when it reports the rule somewhere in the memo.
  const claimTally = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = new Tally()));
    return t;
  };
  const claimErrors: string[] = [];
  for (const c of claims) {
    const diagnostics = engine.diagnostics({ text: `${c.text.replace(/\s+$/, '')}\n`, languageId: 'markdown' }, { rules: {} });
    const got = new Set(diagnostics.map((d) => d.rule));
    for (const rule of CLAIM_RULES) {
      const expected = c.expect.includes(rule);
      const found = got.has(rule);
      if (!expected && !found) continue;
      const kind = expected && found ? 'tp' : found ? 'fp' : 'fn';
      for (const key of [`${rule}\u0000${c.lang}`, `${rule}\u0000all`]) tally(claimTally, key)[kind]++;
      if (kind !== 'tp') {
        const why = kind === 'fp' ? diagnostics.find((d) => d.rule === rule)?.message ?? '' : '';
        claimErrors.push(`  ${kind === 'fp' ? 'false positive' : 'miss          '} ${pad(rule, 16)} ${pad(c.id, 8)} ${clip(c.text)}${why ? `\n${' '.repeat(42)}→ ${clip(why, 100)}` : ''}`);
      }
    }
  }

  // Law mentions: right when the span's text and the first candidate id both match a label.
  const mentionTally = new Map<string, Tally>();
  const mentionErrors: string[] = [];
  for (const c of mentionCases) {
    const memo = engine.read({ text: `${c.text.replace(/\s+$/, '')}\n`, languageId: 'markdown' });
    const found = memo.mentions.map((m) => ({ text: memo.analysis.text.slice(m.span.start, m.span.end), id: m.ids[0]!, ids: m.ids }));
    const open = [...c.mentions];
    for (const f of found) {
      const k = open.findIndex((g) => g.text === f.text && g.id === f.id);
      if (k >= 0) {
        open.splice(k, 1);
        for (const key of [c.lang, 'all']) tally(mentionTally, key).tp++;
      } else {
        for (const key of [c.lang, 'all']) tally(mentionTally, key).fp++;
        mentionErrors.push(`  false positive ${pad(c.id, 8)} «${f.text}» → ${f.ids.join(', ')}   in: ${clip(c.text, 80)}`);
      }
    }
    for (const g of open) {
      for (const key of [c.lang, 'all']) tally(mentionTally, key).fn++;
      mentionErrors.push(`  miss           ${pad(c.id, 8)} «${g.text}» → ${g.id}   in: ${clip(c.text, 80)}`);
    }
  }

  const count = <T extends { lang: Lang }>(list: readonly T[], lang: Lang) => list.filter((x) => x.lang === lang).length;
  console.log(`LexLens memo reader evaluation (bundled corpus, ${corpus.entries.length} entries)\n`);
  console.log(`Sentences: ${claims.length} (${LANGS.map((l) => `${l} ${count(claims, l)}`).join(', ')})`);
  console.log(HEADER);
  for (const rule of CLAIM_RULES) {
    for (const lang of [...LANGS, 'all']) {
      const t = claimTally.get(`${rule}\u0000${lang}`) ?? new Tally();
      console.log(row(`${rule} ${lang}`, t));
    }
  }
  const labelled = mentionCases.reduce((n, c) => n + c.mentions.length, 0);
  const negatives = mentionCases.filter((c) => c.mentions.length === 0).length;
  console.log(`\nLaw mentions: ${labelled} labelled (${LANGS.map((l) => `${l} ${mentionCases.filter((c) => c.lang === l).reduce((n, c) => n + c.mentions.length, 0)}`).join(', ')}), ${negatives} negative texts`);
  console.log(HEADER);
  for (const lang of [...LANGS, 'all']) console.log(row(`mentions ${lang}`, mentionTally.get(lang) ?? new Tally()));

  console.log(`\nSentence errors (${claimErrors.length}):`);
  console.log(claimErrors.length ? claimErrors.join('\n') : '  none');
  console.log(`\nMention errors (${mentionErrors.length}):`);
  console.log(mentionErrors.length ? mentionErrors.join('\n') : '  none');

  // Targets (over all languages).
  const m = mentionTally.get('all') ?? new Tally();
  const u = claimTally.get('unsourced-claim\u0000all') ?? new Tally();
  const f = claimTally.get('figure-mismatch\u0000all') ?? new Tally();
  const target = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return `  ${ok ? 'met   ' : 'MISSED'} ${what}`;
  };
  console.log('\nTargets:');
  console.log(target(m.precision >= 0.95, `law mentions precision ≥ 0.95 (${fmt(m.precision)})`));
  console.log(target(m.recall >= 0.95, `law mentions recall ≥ 0.95 (${fmt(m.recall)})`));
  console.log(target(u.recall >= 0.9, `unsourced-claim recall ≥ 0.90 (${fmt(u.recall)})`));
  console.log(target(u.precision >= 0.85, `unsourced-claim precision ≥ 0.85 (${fmt(u.precision)})`));
  console.log(target(f.fp === 0, `no figure-mismatch on a correctly cited figure (${f.fp} false positive${f.fp === 1 ? '' : 's'})`));
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof FixtureError)) throw e;
  console.error(`eval: ${e.message}`);
  process.exitCode = 2;
}
