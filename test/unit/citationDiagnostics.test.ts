import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULTS, findings, md, rulesOf, unitEngine } from '../helpers/engine.js';

void describe('unknown-citation', () => {
  void it('reports a key that is not in the corpus, on the key itself, as an error', () => {
    const text = 'See the ministry\'s view [@no-such-entry].';
    const [d] = unitEngine().diagnostics(md(text), DEFAULTS).filter((x) => x.rule === 'unknown-citation');
    assert.ok(d);
    assert.equal(text.slice(d.span.start, d.span.end), 'no-such-entry');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /`no-such-entry` is not a key in the corpus/);
  });

  void it('suggests the closest keys for a misspelt key, closest first', () => {
    const [d] = unitEngine().diagnostics(md('See [@kz-onlne-platforms-2023].'), DEFAULTS);
    assert.equal(d?.rule, 'unknown-citation');
    assert.equal(d.data?.kind, 'unknown-key');
    if (d.data?.kind !== 'unknown-key') return;
    assert.equal(d.data.suggestions[0], 'kz-online-platforms-2023');
    assert.match(d.message, /Did you mean `kz-online-platforms-2023`/);
  });

  void it('reports each unknown key of a group and leaves the known ones alone', () => {
    assert.deepEqual(
      findings(unitEngine(), md('Said so [see @balaeva-2024-04-22; @nobody-2024; @tiktok-kazinform-2024-04].')).filter(([r]) => r === 'unknown-citation'),
      [['unknown-citation', 'nobody-2024']],
    );
  });

  void it('reports an unknown in-text key', () => {
    assert.deepEqual(findings(unitEngine(), md('As @nobody-2024 said.')).filter(([r]) => r === 'unknown-citation'), [['unknown-citation', 'nobody-2024']]);
  });

  void it('does not report an e-mail address', () => {
    assert.deepEqual(rulesOf(unitEngine(), md('Write to info@example.com.')), []);
  });

  void it('does not report a key inside code', () => {
    assert.deepEqual(rulesOf(unitEngine(), md('Type `[@no-such-entry]` to cite.')), []);
  });
});

void describe('unknown-pinpoint', () => {
  const pinpointFindings = (text: string) => findings(unitEngine(), md(text)).filter(([r]) => r === 'unknown-pinpoint');

  void it('reports an article the law does not have, on the pinpoint, listing the articles it has', () => {
    const text = 'Platforms keep a register [@kz-online-platforms-2023, art. 99].';
    const [d] = unitEngine().diagnostics(md(text), DEFAULTS).filter((x) => x.rule === 'unknown-pinpoint');
    assert.ok(d);
    assert.equal(text.slice(d.span.start, d.span.end), 'art. 99');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /no article 99/);
    assert.match(d.message, /1, 9, 12/);
  });

  void it('reports a paragraph the article does not have', () => {
    assert.deepEqual(pinpointFindings('Platforms comply [@kz-online-platforms-2023, art. 9(7)].'), [['unknown-pinpoint', 'art. 9(7)']]);
  });

  void it('reports an item the paragraph does not have', () => {
    assert.deepEqual(pinpointFindings('Platforms comply [@kz-online-platforms-2023, art. 9(4)(9)].'), [['unknown-pinpoint', 'art. 9(4)(9)']]);
  });

  void it('accepts an article, paragraph and item the law has', () => {
    assert.deepEqual(pinpointFindings('Platforms comply [@kz-online-platforms-2023, art. 9(1)] and [@kz-online-platforms-2023, art. 9(4)(2)].'), []);
  });

  void it('accepts Russian and Kazakh locators for a paragraph the law has', () => {
    assert.deepEqual(pinpointFindings('Платформы обязаны [@kz-online-platforms-2023, ст. 9 п. 4].'), []);
    assert.deepEqual(pinpointFindings('Платформы обязаны [@kz-online-platforms-2023, п. 4 ст. 9].'), []);
    assert.deepEqual(pinpointFindings('Платформа міндетті [@kz-online-platforms-2023, 9-бап 4-тармақ].'), []);
  });

  void it('reports a missing paragraph written in Russian', () => {
    assert.deepEqual(pinpointFindings('Платформы обязаны [@kz-online-platforms-2023, ст. 9 п. 7].'), [['unknown-pinpoint', 'ст. 9 п. 7']]);
  });

  void it('accepts an article number with a part, "41-1"', () => {
    assert.deepEqual(pinpointFindings('Access is restricted [@kz-communications-2004, art. 41-1].'), []);
    assert.deepEqual(pinpointFindings('Access is restricted [@kz-communications-2004, 41-1].'), []);
  });

  void it('never checks a page', () => {
    assert.deepEqual(pinpointFindings('Access is restricted [@kz-communications-2004, p. 412].'), []);
  });

  void it('does not check a pinpoint of a statement, which has no articles', () => {
    assert.deepEqual(pinpointFindings('The minister said so [@balaeva-2024-04-22, para. 3].'), []);
  });
});

void describe('rule severities', () => {
  const text = 'Platforms must comply [@no-such-entry].';

  void it('uses each rule\'s default severity when nothing is configured', () => {
    assert.deepEqual(
      unitEngine()
        .diagnostics(md(text), DEFAULTS)
        .map((d) => [d.rule, d.severity]),
      [
        ['unsourced-claim', 'warning'],
        ['unknown-citation', 'error'],
      ],
    );
  });

  void it('applies a configured severity per rule', () => {
    assert.deepEqual(
      unitEngine()
        .diagnostics(md(text), { rules: { 'unsourced-claim': 'error', 'unknown-citation': 'hint' } })
        .map((d) => [d.rule, d.severity]),
      [
        ['unsourced-claim', 'error'],
        ['unknown-citation', 'hint'],
      ],
    );
  });

  void it('drops every finding of a rule set to off', () => {
    assert.deepEqual(rulesOf(unitEngine(), md(text), { rules: { 'unsourced-claim': 'off' } }), ['unknown-citation']);
    assert.deepEqual(rulesOf(unitEngine(), md(text), { rules: { 'unsourced-claim': 'off', 'unknown-citation': 'off' } }), []);
  });
});
