import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { isEnabled, parseConfigFile, parseSeverity, severityOf } from '../../server/src/engine/config.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { fixture } from '../helpers/paths.js';

/** Parses a config fixture; its findings as [rule, line, column, message]. */
function read(name: string) {
  const text = fs.readFileSync(fixture('config', name), 'utf8');
  const { config, findings } = parseConfigFile(text);
  const lines = new LineIndex(text);
  return { config, findings: findings.map((f) => ({ rule: f.rule, ...lines.lineCol(f.span.start), message: f.message })) };
}

void describe('.lexlens.yaml', () => {
  void it('reads every option', () => {
    const { config, findings } = read('full.lexlens.yaml');
    assert.deepEqual(findings, []);
    assert.deepEqual(config, {
      corpus: ['../corpus/good'],
      bundledCorpus: false,
      rules: { 'unsourced-claim': 'off', 'unknown-citation': 'warning', 'unknown-pinpoint': 'information' },
      languages: ['markdown', 'plaintext'],
      asOf: '2024-07-01',
      include: ['memos/**/*.md'],
      exclude: ['drafts/**'],
    });
  });

  void it('reports an option it does not know, at the option\'s key', () => {
    const { findings } = read('bad-option.lexlens.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, f.line, f.column]), [['corpus-schema', 3, 1]]);
    assert.match(findings[0]!.message, /`corpusPaths` is not a LexLens option/);
  });

  void it('reports a severity it does not know, at that rule', () => {
    const { config, findings } = read('bad-severity.lexlens.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, f.line, f.column]), [['corpus-schema', 4, 3]]);
    assert.match(findings[0]!.message, /severity of `unsourced-claim` must be off, hint, information, warning or error/);
    assert.deepEqual(config.rules, { 'unknown-citation': 'error' }, 'the good rule still applies');
  });

  void it('reports a rule id it does not know, at that rule', () => {
    const { findings } = read('bad-rule.lexlens.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, f.line, f.column]), [['corpus-schema', 3, 3]]);
    assert.match(findings[0]!.message, /`unsourced-claims` is not a LexLens rule id/);
  });

  void it('reports a date that does not exist', () => {
    const { config, findings } = read('bad-as-of.lexlens.yaml');
    assert.deepEqual(findings.map((f) => [f.rule, f.line]), [['corpus-schema', 2]]);
    assert.equal(config.asOf, undefined);
  });

  void it('reports a file that is not YAML, with a position', () => {
    const { findings } = read('not-yaml.lexlens.yaml');
    assert.ok(findings.length > 0);
    assert.equal(findings[0]!.rule, 'corpus-yaml');
    assert.equal(findings[0]!.line, 3);
  });

  void it('reads an empty file as no options', () => {
    assert.deepEqual(parseConfigFile(''), { config: {}, findings: [], corpusSpans: [] });
  });

  void it('says where each corpus path is written, in a list or alone', () => {
    const list = 'bundledCorpus: false\ncorpus:\n  - ./laws\n  - "../shared corpus"\n';
    const a = parseConfigFile(list);
    assert.deepEqual(a.config.corpus, ['./laws', '../shared corpus']);
    assert.deepEqual(a.corpusSpans.map((s) => list.slice(s.start, s.end)), ['./laws', '"../shared corpus"']);
    const alone = 'corpus: ./laws\n';
    assert.deepEqual(parseConfigFile(alone).corpusSpans.map((s) => alone.slice(s.start, s.end)), ['./laws']);
  });

  void it('reports a value of the wrong type', () => {
    const { findings } = parseConfigFile('bundledCorpus: sometimes\nrules: off\n');
    assert.deepEqual(findings.map((f) => f.message), ['.lexlens.yaml: `bundledCorpus` must be true or false.', '.lexlens.yaml: `rules` must map rule ids to off, hint, information, warning or error.']);
  });
});

void describe('severities', () => {
  void it('accepts the five settings and the short forms warn, info and none', () => {
    assert.deepEqual(['off', 'hint', 'information', 'warning', 'error', 'warn', 'info', 'none', 'ERROR'].map(parseSeverity), ['off', 'hint', 'information', 'warning', 'error', 'warning', 'information', 'off', 'error']);
    assert.equal(parseSeverity('loud'), undefined);
  });

  void it('gives each rule its default severity unless configured', () => {
    assert.equal(severityOf('unknown-citation', { rules: {} }), 'error');
    assert.equal(severityOf('unsourced-claim', { rules: {} }), 'warning');
    assert.equal(severityOf('uncited-law-mention', { rules: {} }), 'information');
    assert.equal(severityOf('unverified-source', { rules: {} }), 'hint');
    assert.equal(severityOf('unsourced-claim', { rules: { 'unsourced-claim': 'error' } }), 'error');
    assert.equal(isEnabled('unsourced-claim', { rules: { 'unsourced-claim': 'off' } }), false);
  });
});
