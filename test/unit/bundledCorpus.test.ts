import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledEngine, md, offsetOf } from '../helpers/engine.js';

// SPEC §6: ids of the bundled corpus that other documents rely on.
const RELIED_ON = [
  'kz-online-platforms-2023',
  'kz-communications-2004',
  'kz-personal-data-2013',
  'kz-mass-media-2024',
  'kz-informatization-2015',
  'kz-advertising-2003',
  'kz-child-info-protection-2018',
  'kz-constitution-1995',
  'uz-personal-data-2019',
  'ru-foreign-persons-internet-2021',
  'eu-dsa-2022',
  'tr-internet-5651-2007',
  'balaeva-2024-04-22',
  'tiktok-kazinform-2024-04',
  'dayyrbekov-kursiv-2024-04',
  'sairov-inquiry-2024-04-22',
  'iskakov-senate-2024-06-06',
  'khalykbergen-2024-04-17',
  'uz-social-media-restrictions-2021',
];

void describe('the bundled corpus', () => {
  void it('has every id that SPEC §6 says other documents rely on', () => {
    const missing = RELIED_ON.filter((id) => !bundledEngine().corpus.byId.get(id));
    assert.deepEqual(missing, []);
  });

  void it('loads without corpus findings', () => {
    assert.deepEqual(
      bundledEngine().corpus.findings.map((f) => `${f.file}: ${f.message}`),
      [],
    );
  });

  void it('shows the 100,000 daily-user threshold when hovering art. 9(1) of kz-online-platforms-2023', () => {
    const text = 'Large platforms must appoint a legal representative [@kz-online-platforms-2023, art. 9(1)].';
    const h = bundledEngine().hover(md(text), offsetOf(text, 'art. 9(1)', 5));
    assert.equal(h?.id, 'kz-online-platforms-2023');
    assert.match(h.markdown, /100,000/);
  });

  void it('recognises «Закона об онлайн-платформах» in a Russian memo', () => {
    const text = 'Статья 9 Закона об онлайн-платформах обязывает платформы назначить представителя.';
    const h = bundledEngine().hover(md(text), offsetOf(text, 'онлайн-платформах', 2));
    assert.equal(h?.id, 'kz-online-platforms-2023');
  });

  void it('accepts the pinpoints the example memo relies on', () => {
    const text = 'Platforms act on requests [@kz-online-platforms-2023, art. 9(4)(2)] and access is restricted [@kz-communications-2004, art. 41-1].';
    assert.deepEqual(
      bundledEngine()
        .diagnostics(md(text), { rules: {} })
        .filter((d) => d.rule === 'unknown-citation' || d.rule === 'unknown-pinpoint')
        .map((d) => d.message),
      [],
    );
  });
});
