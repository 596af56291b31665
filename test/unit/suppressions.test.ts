import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, md, plain, unitEngine } from '../helpers/engine.js';

const covered = (text: string, languageId = 'markdown') => findings(unitEngine(), languageId === 'markdown' ? md(text) : plain(text));

void describe('suppression comments', () => {
  void it('disable-next-line silences the named rule on the next line only', () => {
    const text = ['<!-- lexlens-disable-next-line unsourced-claim -->', 'Platforms must comply.', 'Platforms must also pay 100 tenge.', ''].join('\n');
    assert.deepEqual(covered(text), [['unsourced-claim', 'Platforms must also pay 100 tenge.']]);
  });

  void it('disable-next-line accepts a reason after --', () => {
    const text = '<!-- lexlens-disable-next-line unsourced-claim -- figure repeated from the summary -->\nMore than 4 million videos were removed in 2023.\n';
    assert.deepEqual(covered(text), []);
  });

  void it('disable-next-line skips blank lines to the next line with text', () => {
    assert.deepEqual(covered('<!-- lexlens-disable-next-line unsourced-claim -->\n\nPlatforms must comply.\n'), []);
  });

  void it('disable-next-line leaves other rules on that line alone', () => {
    const text = '<!-- lexlens-disable-next-line unknown-citation -->\nPlatforms must comply.\n';
    assert.deepEqual(covered(text), [['unsourced-claim', 'Platforms must comply.']]);
  });

  void it('disable-next-line without a rule silences every rule on the next line', () => {
    assert.deepEqual(covered('<!-- lexlens-disable-next-line -->\nPlatforms must comply [@no-such-entry].\n'), []);
  });

  void it('disable-next-line takes several rules separated by commas', () => {
    assert.deepEqual(covered('<!-- lexlens-disable-next-line unsourced-claim, unknown-citation -- both known -->\nPlatforms must comply [@no-such-entry].\n'), []);
  });

  void it('a misspelt rule id silences nothing', () => {
    assert.deepEqual(covered('<!-- lexlens-disable-next-line unsorced-claim -->\nPlatforms must comply.\n'), [['unsourced-claim', 'Platforms must comply.']]);
  });

  void it('disable … enable silences a rule in the region between them only', () => {
    const text = [
      'Before: platforms must pay 100 tenge.',
      '',
      '<!-- lexlens-disable unsourced-claim -- drafting notes -->',
      '',
      'Platforms must comply.',
      '',
      'Platforms must pay 200 tenge.',
      '',
      '<!-- lexlens-enable unsourced-claim -->',
      '',
      'After: platforms must pay 300 tenge.',
      '',
    ].join('\n');
    assert.deepEqual(covered(text), [
      ['unsourced-claim', 'Before: platforms must pay 100 tenge.'],
      ['unsourced-claim', 'After: platforms must pay 300 tenge.'],
    ]);
  });

  void it('disable without enable silences the rest of the memo', () => {
    assert.deepEqual(covered('<!-- lexlens-disable unsourced-claim -->\n\nPlatforms must comply.\n\nPlatforms must pay 200 tenge.\n'), []);
  });

  void it('disable without a rule silences every rule until enable', () => {
    const text = '<!-- lexlens-disable -->\n\nPlatforms must comply [@nope].\n\n<!-- lexlens-enable -->\n\nPlatforms must pay [@nope-again].\n';
    assert.deepEqual(covered(text), [
      ['unsourced-claim', 'Platforms must pay [@nope-again].'],
      ['unknown-citation', 'nope-again'],
    ]);
  });

  void it('disable-line silences the rule on the comment\'s own line', () => {
    assert.deepEqual(covered('Platforms must comply. <!-- lexlens-disable-line unsourced-claim -->\n'), []);
  });

  void it('a # comment suppresses in a plain-text memo', () => {
    const text = '# lexlens-disable-next-line unsourced-claim -- known\nPlatforms must comply.\n\nPlatforms must pay 100 tenge.\n';
    assert.deepEqual(covered(text, 'plaintext'), [['unsourced-claim', 'Platforms must pay 100 tenge.']]);
  });

  void it('a suppression comment inside a code block is not a suppression', () => {
    const text = '```\n<!-- lexlens-disable-next-line unsourced-claim -->\n```\nPlatforms must comply.\n';
    assert.deepEqual(covered(text), [['unsourced-claim', 'Platforms must comply.']]);
  });
});
