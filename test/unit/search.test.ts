/**
 * The search behind completion: its fuzzy scores are the scores fuse.js gave when completion
 * ranked with it, its word splitting is the regular expression's, and in a corpus with many
 * similar names a whole title word and a mistyped one still find their entry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fuse from 'fuse.js';
import { createEngine, type Engine } from '../../server/src/engine/index.js';
import { FuzzyPattern, recordScore, substringDistance } from '../../server/src/engine/search/fuzzy.js';
import { numberWords, words } from '../../server/src/engine/search/prefilter.js';
import { stem, tokenize } from '../../server/src/engine/search/stem.js';
import { loadFolders, md } from '../helpers/engine.js';

/** A seeded generator, so that a failure repeats. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('fuzzy scores', () => {
  it('are the fewest edits from a piece of the query to some part of the text', () => {
    assert.equal(substringDistance('abc', 'xxabcxx'), 0);
    assert.equal(substringDistance('abcd', 'xabxdx'), 1);
    assert.equal(substringDistance('abcd', 'xacdx'), 1);
    assert.equal(substringDistance('abcd', ''), 4);
    assert.equal(substringDistance('монвильсултал', 'закон монвилсултал'), 1);
    const long = 'abcdefghijklmnopqrstuvwxyz012345';
    assert.equal(substringDistance(long, `--${long}--`), 0);
    assert.equal(substringDistance(long, `--${long.replace('k', 'K')}--`), 1);
  });

  it('equal the scores of fuse.js with the options completion used', () => {
    const keys = [
      { name: 'id', weight: 3 },
      { name: 'number', weight: 2 },
      { name: 'names', weight: 1 },
    ];
    const weights = [3 / 6, 2 / 6, 1 / 6];
    const alphabets = ['ab', 'abc -', 'aбİ ·-', 'a😀b \u00a0', 'KazakhҚазақ 12'];
    const next = rng(7);
    const text = (a: string, max: number) => {
      const chars = [...a];
      let s = '';
      for (let i = Math.floor(next() * max); i > 0; i--) s += chars[Math.floor(next() * chars.length)]!;
      return s;
    };
    for (let round = 0; round < 1500; round++) {
      const a = alphabets[round % alphabets.length]!;
      const docs = Array.from({ length: 4 }, () => ({ id: text(a, 50), number: text(a, 4), names: text(a, 160) }));
      const query = text(a, 70).trim();
      if (!query) continue;
      const fuse = new Fuse(docs, { keys, includeScore: true, ignoreLocation: true, threshold: 0.4 });
      const expected = new Map(fuse.search(query).map((r) => [r.refIndex, r.score]));
      const pattern = new FuzzyPattern(query, 0.4);
      docs.forEach((d, i) => assert.equal(recordScore(pattern, [d.id, d.number, d.names], weights), expected.get(i), `query ${JSON.stringify(query)}, doc ${JSON.stringify(d)}`));
    }
  });
});

describe('words of a text', () => {
  it('are the runs of letters and digits, lower-cased, as /[\\p{L}\\p{N}]+/gu finds them', () => {
    const reference = (t: string) => t.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
    const samples = ['Закон «Об онлайн-платформах» № 18-VIII', 'Ёлка, ǅemal ﬁle ² ½', 'ｆｕｌｌ　ｗｉｄｔｈ', 'e\u0301 😀x 𝐀𝐁 \ud800x', 'Қазақстан Республикасының Заңы', '٣ १२३ ㈱', ''];
    for (const s of samples) assert.deepEqual(words(s), reference(s), s);
  });

  it('are numbered in one vocabulary per file: each text gets its distinct words, in order, each word one number', () => {
    const texts = ['Закон «Об онлайн-платформах» № 18-VIII', '', 'law LAW Law on law', 'Об онлайн платформах', 'ｆｕｌｌ　ｗｉｄｔｈ x'];
    const n = numberWords(texts);
    const vocab = n.vocab.split(' ');
    assert.equal(new Set(vocab).size, vocab.length);
    assert.equal(n.at.length, texts.length + 1);
    texts.forEach((t, i) => assert.deepEqual([...n.ids.subarray(n.at[i], n.at[i + 1])].map((id) => vocab[id]), [...new Set(words(t))], t));
    assert.deepEqual(numberWords([]), { vocab: '', ids: new Int32Array(0), at: new Int32Array([0]) });
  });

  it('are, for the name matcher, the same runs with their offsets and stems, case and all', () => {
    const reference = (t: string, base: number) => [...t.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: base + m.index, end: base + m.index + m[0].length, text: m[0], stem: stem(m[0], 'kk') }));
    const samples = ['Закон «Об онлайн-платформах» № 18-VIII', 'Ёлка, ǅemal ﬁle ² ½', 'e\u0301 😀x 𝐀𝐁 \ud800x \udc00', 'Қазақстан Республикасының Заңы', '٣ १२३ ㈱', 'x', ''];
    for (const s of samples) assert.deepEqual(tokenize(s, 7, 'kk'), reference(s, 7), s);
  });
});

describe('completion in a corpus of many similar names', () => {
  let dir: string;
  let engine: Engine;
  const labels = (typed: string) => {
    const text = `See [@${typed}`;
    return engine.completion(md(text), text.length).items.map((i) => i.label);
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-search-'));
    const entries = [
      '- id: kz-raer-banking-2021\n  kind: law\n  title: {en: On Banking and the Raer Monitoring, ru: О банковской деятельности и мониторинге Раер}\n  jurisdiction: KZ\n  verification: {level: read}\n',
      '- id: kz-dorber-health-2021\n  kind: law\n  title: {en: On Health Care and the Dorber Register}\n  jurisdiction: KZ\n  verification: {level: read}\n',
    ];
    // Speakers whose names begin with "Raer", and names a letter or two away from "Dorber".
    const raer = ['ashova', 'berova', 'lopelov', 'talmonova', 'vilova', 'saova', 'nurpelov', 'zhaova', 'kanova', 'tenov', 'bekova', 'ganova', 'dulova', 'simova'];
    raer.forEach((s) => entries.push(`- id: raer${s}-2017-02-01\n  kind: statement\n  title: {en: Marat Raer${s} on Taxation}\n  speaker: Marat Raer${s}\n  date: 2017-02-01\n  verification: {level: read}\n`));
    'abcdefghijklmn'.split('').forEach((c, i) => entries.push(`- id: st-${i + 10}\n  kind: statement\n  title: {en: Aida Dorbax${c} on Health Care}\n  speaker: Aida Dorbax${c}\n  date: 2020-01-01\n  verification: {level: read}\n`));
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), entries.join('\n'));
    const corpus = loadFolders(dir);
    assert.deepEqual(corpus.findings, []);
    engine = createEngine(corpus);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('offers the entry with a title word first, before the ids that only begin with it', () => {
    assert.equal(labels('Raer')[0], 'kz-raer-banking-2021');
    assert.equal(labels('раер')[0], 'kz-raer-banking-2021');
    // The ids that begin with the word follow.
    assert.deepEqual(labels('Raer').slice(1, 4), ['raerashova-2017-02-01', 'raerbekova-2017-02-01', 'raerberova-2017-02-01']);
  });

  it('still offers ids in order when what is typed is no whole word', () => {
    assert.deepEqual(labels('raerb').slice(0, 2), ['raerbekova-2017-02-01', 'raerberova-2017-02-01']);
  });

  it('finds a title word typed with two letters swapped among many names that share its letters', () => {
    assert.equal(labels('Dorbre')[0], 'kz-dorber-health-2021');
  });
});
