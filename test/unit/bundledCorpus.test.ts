import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledEngine, md, offsetOf } from '../helpers/engine.js';
import { SPEC_IDS } from '../helpers/paths.js';


void describe('the bundled corpus', () => {
  void it('has every id that SPEC §6 says other documents rely on', () => {
    const missing = SPEC_IDS.filter((id) => !bundledEngine().corpus.byId.get(id));
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
