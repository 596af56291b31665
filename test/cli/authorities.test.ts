/**
 * `lexlens authorities`: the table of authorities of a memo, from the real CLI bundle, on the
 * workspace-nav fixture (bundled corpus plus the workspace's own corpus folder named in
 * `.lexlens.yaml`, which the CLI finds from the memo's folder upward).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AuthoritiesTable } from '../../server/src/engine/index.js';
import { makeTempDir, removeDir, runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const workspace = fixture('workspace-nav');
const alpha = fs.readFileSync(path.join(workspace, 'alpha.md'), 'utf8');
/** 1-based line of the first line of alpha.md holding `needle`. */
const lineOf = (needle: string) => alpha.split('\n').findIndex((l) => l.includes(needle)) + 1;

void describe('lexlens authorities', () => {
  void it('lists the workspace law and the bundled law under KZ and the workspace statement, as Markdown', () => {
    const run = runCli(['authorities', 'alpha.md'], workspace);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 6), ['# Table of authorities: alpha.md', '', '## Laws', '', '### KZ', '']);
    assert.match(lines[6]!, new RegExp(`^- \\[Fixture Data Hosting Act\\]\\(https://adilet\\.zan\\.kz/rus/docs/Z2200000042\\) \\(\`nav-data-hosting-act-2022\`; No\\. 42-NAV [^)]*\\) — art\\. 3 — line ${lineOf('nav-data-hosting-act-2022')}$`));
    assert.match(lines[7]!, new RegExp(`^- \\[On Online Platforms and Online Advertising\\]\\(https://adilet\\.zan\\.kz/rus/docs/Z2300000018\\) \\(\`kz-online-platforms-2023\`; No\\. 18-VIII [^)]*\\) — art\\. 9 — line ${lineOf('kz-online-platforms-2023')}$`));
    assert.match(run.stdout, /\n## Statements\n\n- A minister on data hosting \(fixture\) \(`nav-minister-2024-02-01`; [^\n]*\n/);
    assert.doesNotMatch(run.stdout, /Not in the corpus/);
    assert.ok(run.stdout.endsWith('\n'));
  });

  void it('gives the same table as JSON, grouped by jurisdiction', () => {
    const run = runCli(['authorities', '--format', 'json', 'alpha.md'], workspace);
    assert.equal(run.status, 0, run.stderr);
    const table = JSON.parse(run.stdout) as AuthoritiesTable;
    assert.deepEqual(
      table.laws.map((g) => [g.jurisdiction, g.entries.map((e) => [e.id, e.pinpoints, e.lines])]),
      [['KZ', [['nav-data-hosting-act-2022', ['art. 3'], [lineOf('nav-data-hosting-act-2022')]], ['kz-online-platforms-2023', ['art. 9'], [lineOf('kz-online-platforms-2023')]]]]],
    );
    assert.deepEqual(table.statements.map((s) => s.id), ['nav-minister-2024-02-01']);
    assert.deepEqual(table.unknown, []);
  });

  void it('reads the workspace corpus through --config when run from another folder', () => {
    const elsewhere = makeTempDir();
    try {
      const run = runCli(['authorities', '--format', 'json', '--config', path.join(workspace, '.lexlens.yaml'), path.join(workspace, 'beta.md')], elsewhere);
      assert.equal(run.status, 0, run.stderr);
      const table = JSON.parse(run.stdout) as AuthoritiesTable;
      assert.deepEqual(table.laws.flatMap((g) => g.entries.map((e) => e.id)).sort(), ['nav-data-hosting-act-2022', 'nav-registry-act-2021']);
      assert.deepEqual(table.unknown, []);
    } finally {
      removeDir(elsewhere);
    }
  });

  void it('finds the workspace .lexlens.yaml from the memo\'s folder when run from another folder', () => {
    const elsewhere = makeTempDir();
    try {
      const run = runCli(['authorities', path.join(workspace, 'alpha.md')], elsewhere);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /`nav-data-hosting-act-2022`/);
      assert.doesNotMatch(run.stdout, /## Not in the corpus/);
    } finally {
      removeDir(elsewhere);
    }
  });

  void it('without the workspace corpus lists its keys as not in the corpus and still lists the bundled law', () => {
    const elsewhere = makeTempDir();
    try {
      const config = path.join(elsewhere, '.lexlens.yaml');
      fs.writeFileSync(config, 'bundledCorpus: true\n');
      const run = runCli(['authorities', '--config', config, path.join(workspace, 'alpha.md')], elsewhere);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /## Not in the corpus\n\n- `nav-data-hosting-act-2022`\n- `nav-minister-2024-02-01`\n/);
      assert.match(run.stdout, /`kz-online-platforms-2023`/);
    } finally {
      removeDir(elsewhere);
    }
  });

  void it('a memo that cites nothing gets a table that says so', () => {
    const dir = makeTempDir();
    try {
      fs.writeFileSync(path.join(dir, 'empty.md'), '# Nothing\n\nNo citations.\n');
      const run = runCli(['authorities', 'empty.md'], dir);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '# Table of authorities: empty.md\n\n_This memo cites no authorities._\n');
    } finally {
      removeDir(dir);
    }
  });

  void it('exits 2 with one line on stderr for an unknown format, a missing memo or no memo', () => {
    for (const [args, message] of [
      [['authorities', '--format', 'html', 'alpha.md'], /^lexlens: unknown --format html[^\n]*\n$/],
      [['authorities', 'no-such-memo.md'], /^lexlens: cannot read no-such-memo\.md[^\n]*\n$/],
      [['authorities'], /^lexlens: usage: lexlens authorities[^\n]*\n$/],
    ] as const) {
      const run = runCli(args, workspace);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
    }
  });
});
