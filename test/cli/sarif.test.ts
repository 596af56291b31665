import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, removeDir, runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

// SPEC §4: the eleven rule ids.
const RULE_IDS = [
  'unknown-citation',
  'unknown-pinpoint',
  'unsourced-claim',
  'figure-mismatch',
  'quote-mismatch',
  'date-mismatch',
  'not-in-force',
  'uncited-law-mention',
  'unverified-source',
  'corpus-yaml',
  'corpus-schema',
];

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: SarifResult[] }[];
}

void describe('lexlens check --format sarif', () => {
  let cwd = '';
  let log: SarifLog;
  let status: number | null;
  const memo = fixture('memos', 'emoji.md');

  before(() => {
    cwd = makeTempDir();
    const run = runCli(['check', '--format', 'sarif', memo, fixture('memos', 'warnings-only.md')], cwd);
    status = run.status;
    log = JSON.parse(run.stdout) as SarifLog;
  });
  after(() => removeDir(cwd));

  void it('is SARIF 2.1.0 with one run and keeps the exit status', () => {
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(status, 1);
  });

  void it('lists all eleven rules of SPEC §4 in tool.driver.rules', () => {
    assert.deepEqual(log.runs[0]!.tool.driver.rules.map((r) => r.id).sort(), [...RULE_IDS].sort());
  });

  void it('gives each result a ruleId, a level, a message and one location with a 1-based region', () => {
    const results = log.runs[0]!.results;
    assert.ok(results.length >= 3);
    for (const r of results) {
      assert.ok(RULE_IDS.includes(r.ruleId), r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level), r.level);
      assert.ok(r.message.text.length > 0);
      assert.equal(r.locations.length, 1);
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      assert.match(artifactLocation.uri, /^file:\/\//);
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, `${k} ${region[k]}`);
      assert.ok(region.endLine > region.startLine || region.endColumn >= region.startColumn);
    }
  });

  void it('maps error to error and warning to warning', () => {
    const levels = new Map(log.runs[0]!.results.map((r) => [r.ruleId, r.level]));
    assert.equal(levels.get('unknown-citation'), 'error');
    assert.equal(levels.get('unsourced-claim'), 'warning');
  });

  void it('counts columns in UTF-16 code units on a line with emoji before the finding', () => {
    const r = log.runs[0]!.results.find((x) => x.ruleId === 'unknown-citation');
    assert.ok(r);
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    assert.equal(artifactLocation.uri, pathToFileURL(memo).toString());
    const line = fs.readFileSync(memo, 'utf8').split('\n')[region.startLine - 1]!;
    const keyAt = line.indexOf('no-such-key');
    assert.ok(/\p{Extended_Pictographic}/u.test(line.slice(0, keyAt)), 'the fixture has emoji before the key');
    assert.equal(region.startColumn, keyAt + 1, 'UTF-16 column: each emoji counts as its code units');
    assert.equal(region.endColumn, keyAt + 1 + 'no-such-key'.length);
    assert.equal(region.endLine, region.startLine);
  });

  void it('reports an information finding as a note', () => {
    const dir = makeTempDir();
    try {
      fs.writeFileSync(path.join(dir, 'memo.md'), 'Access can also be suspended under the Law on Communications.\n');
      const run = runCli(['check', '--format', 'sarif', 'memo.md'], dir);
      const results = (JSON.parse(run.stdout) as SarifLog).runs[0]!.results;
      const info = results.find((x) => x.ruleId === 'uncited-law-mention');
      assert.equal(info?.level, 'note');
    } finally {
      removeDir(dir);
    }
  });

  void it('is an empty result list for a clean memo', () => {
    const run = runCli(['check', '--format', 'sarif', fixture('memos', 'clean.md')], cwd);
    assert.equal(run.status, 0);
    const clean = JSON.parse(run.stdout) as SarifLog;
    assert.deepEqual(clean.runs[0]!.results, []);
    assert.equal(clean.runs[0]!.tool.driver.rules.length, RULE_IDS.length);
  });
});
