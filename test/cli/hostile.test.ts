/**
 * `lexlens check` and `lexlens corpus validate` on the hostile corpus and the hostile memos
 * (see test/helpers/hostile.ts): the run ends with status 0 or 1, never 2, prints no stack
 * trace, reports each hostile corpus file at file:line:col and each planted unknown key at its
 * UTF-16 position.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findingLines, makeTempDir, removeDir, runCli, type CliRun } from '../helpers/cli.js';
import { hostileMemos, lineCol, makeHostileCorpus, writeHostileMemos, type ExpectedFinding } from '../helpers/hostile.js';

/** A stack trace line, as Node prints them ("    at fn (file.js:1:2)"). */
const STACK = /^\s+at .+(?::\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

function assertCleanRun(run: CliRun, what: string): void {
  assert.ok(run.status === 0 || run.status === 1, `${what} exits 0 or 1, not ${run.status}; stderr: ${run.stderr.slice(0, 2000)}`);
  for (const [name, out] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    assert.doesNotMatch(out, STACK, `${what} prints no stack trace on ${name}`);
    assert.doesNotMatch(out, /internal error|RangeError|TypeError|Maximum call stack/, `${what} prints no internal error on ${name}`);
  }
}

void describe('lexlens on hostile input', () => {
  let root = '';
  let expected: ExpectedFinding[] = [];
  let memoFiles: string[] = [];
  const memos = hostileMemos();
  before(() => {
    root = makeTempDir('lexlens-cli-hostile-');
    fs.mkdirSync(path.join(root, 'corpus'));
    fs.mkdirSync(path.join(root, 'memos'));
    expected = makeHostileCorpus(path.join(root, 'corpus'));
    memoFiles = writeHostileMemos(path.join(root, 'memos'), memos).map((f) => path.relative(root, f));
  });
  after(() => removeDir(root));

  void it('check exits 0 or 1 without a stack trace and reports each hostile corpus file and planted key at its position', () => {
    const run = runCli(['check', '--corpus', 'corpus', ...memoFiles], root);
    assertCleanRun(run, 'lexlens check');
    assert.equal(run.status, 1, 'the corpus errors fail the run');
    const lines = findingLines(run.stdout);
    for (const e of expected) {
      const prefix = `${path.join('corpus', e.file)}:${e.line}:${e.column} error ${e.rule} `;
      assert.ok(
        lines.some((l) => l.startsWith(prefix) && e.message.test(l)),
        `${e.file} is reported as "${prefix}…" matching ${e.message}; got:\n${lines.filter((l) => l.includes(e.file)).join('\n')}`,
      );
    }
    memos.forEach((m, i) => {
      const text = new TextDecoder('utf-8').decode(m.bytes);
      for (const key of m.unknownKeys) {
        const at = lineCol(text, text.indexOf(`@${key}`) + 1);
        const prefix = `${memoFiles[i]}:${at.line}:${at.column} error unknown-citation `;
        assert.ok(lines.some((l) => l.startsWith(prefix)), `${key} in ${m.name} is reported as "${prefix}…"`);
      }
    });
  });

  void it('check --format sarif gives one valid SARIF run with the hostile files at their regions', () => {
    const run = runCli(['check', '--format', 'sarif', '--no-bundled-corpus', '--corpus', 'corpus', ...memoFiles], root);
    assertCleanRun(run, 'lexlens check --format sarif');
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.equal(sarif.runs.length, 1);
    for (const e of expected) {
      const hit = sarif.runs[0]!.results.find((r) => {
        const loc = r.locations[0]!.physicalLocation;
        return r.ruleId === e.rule && loc.artifactLocation.uri.endsWith(`/corpus/${e.file}`) && loc.region.startLine === e.line && loc.region.startColumn === e.column;
      });
      assert.ok(hit, `${e.file} has a ${e.rule} result at ${e.line}:${e.column}`);
    }
  });

  void it('corpus validate exits 1 without a stack trace and reports each hostile file at its position', () => {
    const run = runCli(['corpus', 'validate', 'corpus'], root);
    assertCleanRun(run, 'lexlens corpus validate');
    assert.equal(run.status, 1);
    const lines = findingLines(run.stdout);
    for (const e of expected) assert.ok(lines.some((l) => l.startsWith(`${path.join('corpus', e.file)}:${e.line}:${e.column} error ${e.rule} `)), `${e.file} at ${e.line}:${e.column}`);
  });

  void it('check on a corpus folder that does not exist reports it and still checks the memos', () => {
    const run = runCli(['check', '--no-bundled-corpus', '--corpus', 'no-such-corpus', memoFiles[0]!], root);
    assertCleanRun(run, 'lexlens check with a missing corpus folder');
    assert.match(run.stdout, /no-such-corpus:1:1 error corpus-yaml .*does not exist/);
  });
});
