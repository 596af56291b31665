/**
 * An index read back from its stored snapshot answers exactly as the index it was taken from:
 * completion searches, "did you mean" keys, and law names found in prose.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { after, describe, it } from 'node:test';
import { loadCorpus } from '../../server/src/engine/corpus/source.js';
import { CorpusIndex, type IndexSnapshot } from '../../server/src/engine/search/index.js';
import { generateCorpus } from '../bench/corpusGen.js';
import { corpusSchema } from '../helpers/engine.js';
import { dataDir } from '../helpers/paths.js';

describe('an index from its snapshot', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-snapshot-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const gen = generateCorpus(tmp, 2_000, 5);
  const corpus = loadCorpus([{ path: dataDir, bundled: true }, { path: gen.allDir, bundled: false }], corpusSchema());
  const built = new CorpusIndex(corpus);
  // Through the same serialization the cache uses.
  const restored = CorpusIndex.fromSnapshot(corpus, v8.deserialize(v8.serialize(built.snapshot())) as IndexSnapshot)!;

  it('is made for this corpus only', () => {
    assert.ok(restored);
    const other = loadCorpus([{ path: dataDir, bundled: true }], corpusSchema());
    assert.equal(CorpusIndex.fromSnapshot(other, built.snapshot()), undefined);
  });

  it('completes every query the same', () => {
    const words = gen.infos.slice(0, 60).flatMap((e) => [e.id.slice(0, 6), e.word.en, e.word.ru, e.word.kk, e.word.en.slice(0, 3) + 'x' + e.word.en.slice(4)]);
    for (const q of ['', 'k', 'kz-', 'закон', 'Law', 'online platforms', ...words]) {
      assert.deepEqual(restored.search(q, 50).map((h) => [h.entry.id, h.score]), built.search(q, 50).map((h) => [h.entry.id, h.score]), q);
    }
    for (const key of ['kz-online-platform-2023', `${gen.infos[7]!.id}x`, 'nothing-like-it']) assert.deepEqual(restored.closestKeys(key), built.closestKeys(key));
  });

  it('finds the same law names in prose', () => {
    const texts = [
      'Закон Республики Казахстан «Об онлайн-платформах и онлайн-рекламе» requires a representative.',
      '«Онлайн-платформалар және онлайн-жарнама туралы» Заңға сәйкес.',
      'Law No. 5651 of Turkey and the Digital Services Act.',
      ...gen.infos.slice(0, 200).map((e) => `As the ${e.title.en} says, and «${e.title.ru}», and ${e.title.kk} Заңы.`),
    ];
    let found = 0;
    for (const t of texts) {
      const a = built.names.find(t, 0);
      found += a.length;
      assert.deepEqual(restored.names.find(t, 0), a, t);
    }
    assert.ok(found > 100, `names were found (${found})`);
  });
});
