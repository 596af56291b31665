/**
 * Corpus findings in the reader's language: a finding is made where a file is read, before the
 * language is known, so it carries its message as a template. Every finding a corpus file can
 * get has one, reads in Russian and Kazakh with the same keys, field names and numbers as in
 * English, and keeps it through the cache and the stored corpus.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Corpora } from '../../server/src/corpora.js';
import { CorpusCache } from '../../server/src/engine/corpus/cache.js';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { corpusMessage, corpusText } from '../../server/src/engine/corpus/corpusMessages.js';
import { parseDocument } from 'yaml';
import { loadCorpus } from '../../server/src/engine/corpus/source.js';
import type { Lang } from '../../server/src/engine/types.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema } from '../helpers/engine.js';
import { dataDir, fixture } from '../helpers/paths.js';

const ENTRY = '- id: {id}\n  kind: law\n  title: {en: A law}\n  verification: {level: read}\n';

describe('corpus findings in English, Russian and Kazakh', () => {
  let tmp: string;
  let refused: string;
  let corpus: Corpus;

  before(() => {
    tmp = makeTempDir('lexlens-corpus-messages-');
    // Files refused before any schema check, each for another reason.
    refused = path.join(tmp, 'refused');
    fs.mkdirSync(refused);
    fs.writeFileSync(path.join(refused, 'latin1.yaml'), Buffer.from('- id: caf\xe9\n', 'latin1'));
    fs.writeFileSync(path.join(refused, 'nul.yaml'), '- id: a\u0000b\n');
    fs.writeFileSync(path.join(refused, 'deep.yaml'), `${'['.repeat(100)}${']'.repeat(100)}\n`);
    fs.writeFileSync(path.join(refused, 'aliases.yaml'), `- &a x\n${Array.from({ length: 30 }, () => '- *a').join('\n')}\n`);
    fs.writeFileSync(path.join(refused, 'unresolved.yaml'), '- id: *nowhere\n');
    fs.writeFileSync(path.join(refused, 'dates.yaml'), `${ENTRY.replace('{id}', 'bad-date')}  adopted: 2023-02-30\n`);
    // Over the (small) size limit the corpus is loaded with; every other file is under it.
    fs.writeFileSync(path.join(refused, 'large.yaml'), ENTRY.replace('{id}', 'large').repeat(100));
    corpus = loadCorpus(
      [
        { path: fixture('corpus', 'broken'), bundled: false },
        { path: refused, bundled: false },
        { path: path.join(tmp, 'no-such-folder'), bundled: false },
      ],
      corpusSchema(),
      { maxBytes: 2048, maxDepth: 64, maxAliases: 20 },
    );
  });
  after(() => removeDir(tmp));

  it('has a finding for each kind of refusal and each broken fixture', () => {
    const keys = new Set(corpus.findings.map((f) => f.template?.key));
    for (const key of ['notUtf8', 'nul', 'tooDeep', 'aliases', 'unresolvedAlias', 'tooLarge', 'pathMissing', 'notCalendarDate', 'invalidYaml', 'missingField', 'oneOf', 'key', 'date', 'dangling', 'duplicateIn', 'articleTwice'])
      assert.ok(keys.has(key as never), `a ${key} finding among ${JSON.stringify([...keys])}`);
  });

  it('gives every finding a template, and Russian and Kazakh texts with the English one’s keys, fields and numbers', () => {
    for (const f of corpus.findings) {
      assert.ok(f.template, `a template for: ${f.message}`);
      assert.equal(corpusMessage(f, undefined), f.message);
      assert.equal(corpusMessage(f, 'en'), f.message);
      const kept = [...f.message.matchAll(/`[^`]+`|\d+(?:\.\d+)?/g)].map((m) => m[0]);
      for (const lang of ['ru', 'kk'] as const) {
        const text = corpusMessage(f, lang);
        assert.notEqual(text, f.message, `${lang}: ${f.message}`);
        assert.match(text, /[\u0400-\u04ff]/, `${lang} words in: ${text}`);
        for (const k of kept) assert.ok(text.includes(k), `${lang} keeps ${k}: ${text}`);
      }
    }
  });

  it("says the YAML library's explanations of syntax errors in Russian and Kazakh, at the same line and column", () => {
    const said = (yaml: string, lang: Lang) => {
      const doc = parseDocument(yaml, { prettyErrors: true });
      const e = doc.errors[0]!;
      return corpusMessage(corpusText('invalidYaml', [e.message.split('\n')[0]!, e.code]), lang);
    };
    assert.equal(said('- id: a\n  id: b\n', 'en'), 'Invalid YAML: Map keys must be unique at line 2, column 3:');
    assert.equal(said('- id: a\n  id: b\n', 'ru'), 'Ошибка YAML: строка 2, столбец 3: ключ повторяется: у ключей одного уровня должны быть разные имена');
    assert.equal(said('- id: a\n  id: b\n', 'kk'), 'YAML қатесі: 2-жол, 3-баған: кілт қайталанады: бір деңгейдегі кілттердің аттары әртүрлі болуы керек');
    assert.equal(said('a:\n\t- x\n', 'ru'), 'Ошибка YAML: строка 2, столбец 1: отступ сделан табуляцией: отступы делаются пробелами');
    assert.equal(said('key: @x\n', 'kk'), 'YAML қатесі: 1-жол, 6-баған: тырнақшасыз мән @ таңбасынан басталмайды: оны тырнақшаға алыңыз');
    // An explanation not known here by its words is known by its code, more briefly; one known by neither stays in English.
    assert.equal(corpusMessage(corpusText('invalidYaml', ['Some new explanation at line 7, column 2:', 'BAD_INDENT']), 'ru'), 'Ошибка YAML: строка 7, столбец 2: неверный отступ');
    assert.equal(corpusMessage(corpusText('invalidYaml', ['Some new explanation', 'IMPOSSIBLE']), 'kk'), 'YAML қатесі: Some new explanation');
    assert.equal(corpusMessage(corpusText('configYaml', ['Missing closing "quote at line 3, column 1:', 'MISSING_CHAR']), 'ru'), 'Ошибка YAML в .lexlens.yaml: строка 3, столбец 1: нет закрывающей кавычки');
  });

  it('writes a finding the same after the cache and the stored corpus as when it was made', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const roots = [{ path: fixture('corpus', 'broken'), bundled: false }];
    const report = async (lang: Lang) => {
      const engine = await new Corpora(dataDir, new CorpusCache(cacheDir, 'build-a')).get(roots);
      return [...engine.corpusDiagnostics({ rules: {}, locale: lang })].flatMap(([file, ds]) => ds.map((d) => `${path.basename(file)} ${d.span.start} ${d.message}`));
    };
    // The first report loads cold and stores the corpus; the others open what was stored.
    const cold = await report('kk');
    assert.ok(fs.readdirSync(cacheDir).length > 0, 'the cache was written');
    assert.deepEqual(await report('kk'), cold);
    const russian = await report('ru');
    assert.equal(russian.length, cold.length);
    assert.ok(russian.every((line, i) => line !== cold[i]));
  });
});
