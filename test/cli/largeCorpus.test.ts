/**
 * A corpus large enough to be parsed by reader threads (over POOL_MIN_BYTES of YAML): the CLI
 * loads it as the language server does, and a cold run (threads, filling the cache), a warm run
 * (the stored corpus) and a `--no-cache` run (this thread alone) print the same findings.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { POOL_MIN_BYTES } from '../../server/src/engine/corpus/pool.js';
import { corpusOfSize, generateCorpus } from '../bench/corpusGen.js';
import { generateMemo } from '../bench/memoGen.js';
import { findingLines, makeTempDir, removeDir, runCli } from '../helpers/cli.js';

void describe('lexlens check over a corpus read by threads', () => {
  let tmp = '';
  let corpus = '';
  let memo = '';
  before(() => {
    tmp = makeTempDir('lexlens-cli-large-');
    const gen = generateCorpus(path.join(tmp, 'gen'), 3000, 7);
    assert.ok(gen.yamlBytes > POOL_MIN_BYTES, `the corpus is ${gen.yamlBytes} bytes, more than the ${POOL_MIN_BYTES} that start threads`);
    corpus = corpusOfSize(gen, tmp, 3000).dir;
    memo = path.join(tmp, 'memo.md');
    fs.writeFileSync(memo, generateMemo(gen.infos, 200, 7).text);
  });
  after(() => removeDir(tmp));

  void it('prints the same findings cold, warm and without the cache', () => {
    const cache = path.join(tmp, 'cache');
    const args = ['check', '--no-bundled-corpus', '--corpus', corpus, '--format', 'json', memo];
    const cold = runCli(args, tmp, { LEXLENS_CACHE_DIR: cache });
    assert.equal(cold.status, 1, cold.stderr);
    assert.equal(cold.stderr, '', 'no progress line or error when stderr is not a terminal');
    const findings = JSON.parse(cold.stdout) as { rule: string }[];
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of ['unknown-citation', 'unsourced-claim', 'uncited-law-mention', 'not-in-force']) assert.ok(rules.has(rule), `the memo has ${rule} findings (${[...rules].join(', ')})`);
    const parts = fs.readdirSync(corpus).length;
    const stored = fs.readdirSync(cache).filter((n) => n.endsWith('.bin')).length;
    assert.ok(stored > parts, `each of the ${parts} corpus files and the corpus itself were stored (${stored} cache files)`);

    const warm = runCli(args, tmp, { LEXLENS_CACHE_DIR: cache });
    assert.equal(warm.stdout, cold.stdout);
    const uncached = runCli([...args.slice(0, -1), '--no-cache', memo], tmp, { LEXLENS_CACHE_DIR: cache });
    assert.equal(uncached.stdout, cold.stdout);
    const text = runCli(args.filter((a) => a !== '--format' && a !== 'json'), tmp, { LEXLENS_CACHE_DIR: cache });
    assert.equal(findingLines(text.stdout).length, findings.length);
  });
});
