import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findingLines, makeTempDir, removeDir, runCli, writeFiles, type CliRun } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const memo = (name: string) => fixture('memos', name);

/** A failed run: status 2, nothing on stdout, one line on stderr and no stack trace. */
function assertRunFailed(r: CliRun, message: RegExp): void {
  assert.equal(r.status, 2, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `stderr: ${r.stderr}`);
  assert.match(lines[0]!, /^lexlens: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|internal error/);
}

void describe('lexlens check', () => {
  let cwd = '';
  before(() => {
    cwd = makeTempDir();
  });
  after(() => removeDir(cwd));

  void describe('the example memo', () => {
    const r = () => runCli(['check', 'examples/briefing.md'], repoRoot);

    void it('prints one "file:line:col severity rule-id message" line per finding and exits 1', () => {
      const run = r();
      assert.equal(run.status, 1, run.stderr);
      const lines = findingLines(run.stdout);
      assert.ok(lines.length > 0);
      for (const l of lines) assert.match(l, /^examples\/briefing\.md:\d+:\d+ (error|warning|information|hint) [a-z]+(?:-[a-z]+)+ \S.*$/);
      assert.match(run.stdout, /\n\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?, \d+ hints?\)\n$/);
    });

    void it('reports its unknown key as unknown-citation at the key\'s line and column', () => {
      const run = r();
      const line = findingLines(run.stdout).find((l) => / error unknown-citation /.test(l));
      assert.ok(line, run.stdout);
      const m = /^examples\/briefing\.md:(\d+):(\d+) error unknown-citation `([^`]+)`/.exec(line);
      assert.ok(m, line);
      const text = fs.readFileSync(path.join(repoRoot, 'examples', 'briefing.md'), 'utf8').split(/\r?\n/);
      const at = text[Number(m[1]) - 1]!.slice(Number(m[2]) - 1);
      assert.ok(at.startsWith(m[3]!), `line ${m[1]} column ${m[2]} is "${at}", not the key ${m[3]}`);
    });
  });

  void it('exits 0 and prints nothing for a memo whose claims are all sourced', () => {
    const run = runCli(['check', memo('clean.md')], cwd);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
  });

  void it('exits 0 for a memo in Russian, Kazakh and English whose claims are sourced', () => {
    const run = runCli(['check', memo('mixed-languages.md')], cwd);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
  });

  void it('exits 1 with unknown-citation for an unknown key', () => {
    const run = runCli(['check', memo('unknown-key.md')], cwd);
    assert.equal(run.status, 1);
    const lines = findingLines(run.stdout);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /unknown-key\.md:3:52 error unknown-citation `dayyrbekov-kursiv-2024` is not a key in the corpus\. Did you mean `dayyrbekov-kursiv-2024-04`/);
  });

  void describe('--max-warnings', () => {
    void it('exits 0 when a memo has warnings only', () => {
      const run = runCli(['check', memo('warnings-only.md')], cwd);
      assert.equal(run.status, 0);
      assert.match(run.stdout, / warning unsourced-claim /);
    });

    void it('exits 1 with --max-warnings 0 when there is a warning', () => {
      assert.equal(runCli(['check', '--max-warnings', '0', memo('warnings-only.md')], cwd).status, 1);
    });

    void it('exits 0 when the warnings are within --max-warnings', () => {
      assert.equal(runCli(['check', '--max-warnings', '1', memo('warnings-only.md')], cwd).status, 0);
    });

    void it('exits 0 with --max-warnings 0 for a clean memo', () => {
      assert.equal(runCli(['check', '--max-warnings', '0', memo('clean.md')], cwd).status, 0);
    });
  });

  void describe('--format json', () => {
    void it('prints valid JSON: one object per finding with 1-based positions', () => {
      const run = runCli(['check', '--format', 'json', memo('unknown-key.md'), memo('warnings-only.md')], cwd);
      assert.equal(run.status, 1);
      const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.deepEqual(
        rows.map((r) => [path.basename(String(r.file)), r.line, r.column, r.severity, r.rule]),
        [
          ['unknown-key.md', 3, 52, 'error', 'unknown-citation'],
          ['warnings-only.md', 3, 1, 'warning', 'unsourced-claim'],
        ],
      );
      for (const r of rows) {
        assert.equal(typeof r.message, 'string');
        assert.ok(Number(r.endLine) >= Number(r.line));
      }
    });

    void it('prints an empty JSON array for a clean memo', () => {
      const run = runCli(['check', '--format', 'json', memo('clean.md')], cwd);
      assert.equal(run.status, 0);
      assert.deepEqual(JSON.parse(run.stdout), []);
    });
  });

  void describe('a run that fails exits 2 with exactly one line on stderr and no stack trace', () => {
    void it('for a file that does not exist', () => {
      assertRunFailed(runCli(['check', 'no-such-memo.md'], cwd), /cannot read no-such-memo\.md/);
    });

    void it('for a memo that is a dangling symbolic link', () => {
      fs.symlinkSync(path.join(cwd, 'nowhere.md'), path.join(cwd, 'dangling.md'));
      assertRunFailed(runCli(['check', 'dangling.md'], cwd), /cannot read dangling\.md/);
    });

    void it('for a memo the user may not read', { skip: process.getuid?.() === 0 ? 'root can read every file' : false }, () => {
      writeFiles(cwd, { 'secret.md': 'Text.\n' });
      fs.chmodSync(path.join(cwd, 'secret.md'), 0o000);
      assertRunFailed(runCli(['check', 'secret.md'], cwd), /cannot read secret\.md: EACCES/);
    });

    void it('for an unknown option', () => {
      assertRunFailed(runCli(['check', '--bogus', memo('clean.md')], cwd), /--bogus/);
    });

    void it('for an unknown --format', () => {
      assertRunFailed(runCli(['check', '--format', 'xml', memo('clean.md')], cwd), /--format xml/);
    });

    void it('for a --max-warnings that is not a whole number', () => {
      assertRunFailed(runCli(['check', '--max-warnings', 'some', memo('clean.md')], cwd), /--max-warnings/);
      assertRunFailed(runCli(['check', '--max-warnings', '-1', memo('clean.md')], cwd), /--max-warnings/);
    });

    void it('for no files at all', () => {
      assertRunFailed(runCli(['check'], cwd), /no files given/);
    });

    void it('for an unknown command', () => {
      assertRunFailed(runCli(['frobnicate'], cwd), /unknown command frobnicate/);
    });

    void it('for a --config file that does not exist', () => {
      assertRunFailed(runCli(['check', '--config', 'missing.lexlens.yaml', memo('clean.md')], cwd), /cannot read config missing\.lexlens\.yaml/);
    });

    void it('for a --config file with an unknown option, naming its file, line and column', () => {
      const config = fixture('config', 'bad-option.lexlens.yaml');
      assertRunFailed(runCli(['check', '--config', config, memo('clean.md')], cwd), /bad-option\.lexlens\.yaml:3:1 .*`corpusPaths` is not a LexLens option/);
    });

    void it('for a --config file with a bad severity, naming its line and column', () => {
      const config = fixture('config', 'bad-severity.lexlens.yaml');
      assertRunFailed(runCli(['check', '--config', config, memo('clean.md')], cwd), /bad-severity\.lexlens\.yaml:4:3 .*severity of `unsourced-claim`/);
    });

    void it("for a --config file's problem, in the language of --locale or LANG", () => {
      const config = fixture('config', 'bad-severity.lexlens.yaml');
      assertRunFailed(runCli(['check', '--locale', 'ru', '--config', config, memo('clean.md')], cwd), /bad-severity\.lexlens\.yaml:4:3 \.lexlens\.yaml: важность `unsourced-claim` должна быть/);
      assertRunFailed(runCli(['check', '--config', config, memo('clean.md')], cwd, { LC_ALL: 'kk_KZ.UTF-8' }), /bad-severity\.lexlens\.yaml:4:3 \.lexlens\.yaml: `unsourced-claim` маңыздылығы/);
    });
  });

  void describe('--as-of', () => {
    void it('checks laws for being in force at the given date', () => {
      const before2023 = runCli(['check', '--as-of', '2020-01-01', memo('as-of.md')], cwd);
      assert.match(before2023.stdout, / warning not-in-force `kz-online-platforms-2023` was not yet in force on 2020-01-01/);
      const after2023 = runCli(['check', '--as-of', '2024-07-01', memo('as-of.md')], cwd);
      assert.equal(after2023.stdout, '');
    });

    void it('refuses a date not written YYYY-MM-DD', () => {
      assertRunFailed(runCli(['check', '--as-of', '01.07.2024', memo('clean.md')], cwd), /--as-of/);
      assertRunFailed(runCli(['check', '--as-of', '2024', memo('clean.md')], cwd), /--as-of/);
    });

    void it('refuses a date that does not exist', () => {
      assertRunFailed(runCli(['check', '--as-of', '2024-02-30', memo('clean.md')], cwd), /--as-of/);
      assertRunFailed(runCli(['check', '--as-of', '2024-13-01', memo('clean.md')], cwd), /--as-of/);
    });
  });

  void describe('corpus options', () => {
    let corpusDir = '';
    before(() => {
      corpusDir = makeTempDir();
      fs.copyFileSync(fixture('corpus', 'good', 'mini.yaml'), path.join(corpusDir, 'mini.yaml'));
      fs.copyFileSync(fixture('corpus', 'broken', 'not-yaml.yaml'), path.join(corpusDir, 'not-yaml.yaml'));
    });
    after(() => removeDir(corpusDir));

    void it('--corpus with a broken and a good file reports the broken file:line:col and still resolves the good entry', () => {
      const run = runCli(['check', '--corpus', corpusDir, memo('mini-corpus-memo.md')], cwd);
      assert.equal(run.status, 1, 'a corpus error is an error');
      const lines = findingLines(run.stdout);
      const broken = path.relative(cwd, path.join(corpusDir, 'not-yaml.yaml'));
      assert.ok(
        lines.some((l) => l.startsWith(`${broken}:8:1 error corpus-yaml `)),
        run.stdout,
      );
      assert.ok(!lines.some((l) => / unknown-citation /.test(l)), run.stdout);
      assert.ok(!lines.some((l) => / unknown-pinpoint /.test(l)), run.stdout);
    });

    void it('without --corpus the entries of the test corpus are unknown', () => {
      const run = runCli(['check', memo('mini-corpus-memo.md')], cwd);
      assert.match(run.stdout, / error unknown-citation `mini-platforms-law`/);
    });

    void it('--no-bundled-corpus leaves out the bundled entries', () => {
      const withBundled = runCli(['check', memo('clean.md')], cwd);
      assert.equal(withBundled.status, 0);
      const without = runCli(['check', '--no-bundled-corpus', memo('clean.md')], cwd);
      assert.equal(without.status, 1);
      assert.match(without.stdout, / error unknown-citation `tiktok-kazinform-2024-04`/);
      assert.match(without.stdout, / error unknown-citation `kz-online-platforms-2023`/);
    });

    void it('--no-bundled-corpus with --corpus reads only the given corpus', () => {
      const run = runCli(['check', '--no-bundled-corpus', '--corpus', fixture('corpus', 'good'), memo('mini-corpus-memo.md')], cwd);
      assert.equal(run.status, 0, run.stdout);
      assert.equal(run.stdout, '');
    });

    void it('--corpus can be given more than once', () => {
      const run = runCli(['check', '--no-bundled-corpus', '--corpus', fixture('corpus', 'good'), '--corpus', fixture('corpus-unit'), memo('mini-corpus-memo.md'), memo('clean.md')], cwd);
      assert.ok(!/unknown-citation `(mini-platforms-law|tiktok-kazinform-2024-04|kz-online-platforms-2023)`/.test(run.stdout), run.stdout);
    });
  });

  void describe('configuration', () => {
    void it('--config applies its rules: a rule set to off reports nothing, and severities change', () => {
      const config = fixture('config', 'rules-off.lexlens.yaml');
      const run = runCli(['check', '--config', config, memo('warnings-only.md'), memo('unknown-key.md')], cwd);
      assert.equal(run.status, 0, 'unknown-citation is only a warning under this config');
      assert.doesNotMatch(run.stdout, /unsourced-claim/);
      assert.match(run.stdout, / warning unknown-citation /);
    });

    void it('reads .lexlens.yaml from the current folder without --config', () => {
      const dir = makeTempDir();
      try {
        writeFiles(dir, { '.lexlens.yaml': 'rules:\n  unsourced-claim: off\n', 'memo.md': 'Platforms must comply.\n' });
        const run = runCli(['check', 'memo.md'], dir);
        assert.equal(run.status, 0);
        assert.equal(run.stdout, '');
      } finally {
        removeDir(dir);
      }
    });

    void it('reads corpus paths in .lexlens.yaml relative to its folder', () => {
      const dir = makeTempDir();
      try {
        writeFiles(dir, {
          'project/.lexlens.yaml': 'bundledCorpus: false\ncorpus: [corpus]\n',
          'project/corpus/mini.yaml': fs.readFileSync(fixture('corpus', 'good', 'mini.yaml')),
          'project/memo.md': fs.readFileSync(memo('mini-corpus-memo.md')),
        });
        const run = runCli(['check', 'memo.md'], path.join(dir, 'project'));
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.equal(run.stdout, '');
      } finally {
        removeDir(dir);
      }
    });
  });

  void describe('inputs', () => {
    let dir = '';
    before(() => {
      dir = makeTempDir();
      writeFiles(dir, {
        'memos/a.md': 'Platforms must comply.\n',
        'memos/b.md': 'See [@no-such-key].\n',
        'memos/notes.txt': 'Platforms must pay 100 tenge.\n',
        'memos/deep/c.md': 'Platforms must register.\n',
        'other.md': 'Platforms must report.\n',
      });
    });
    after(() => removeDir(dir));

    const files = (stdout: string) => [...new Set(findingLines(stdout).map((l) => l.split(':')[0]))];

    void it('expands a glob argument to the matching files only', () => {
      const run = runCli(['check', 'memos/*.md'], dir);
      assert.deepEqual(files(run.stdout), ['memos/a.md', 'memos/b.md']);
      assert.equal(run.status, 1);
    });

    void it('expands ** to files in sub-folders', () => {
      const run = runCli(['check', 'memos/**/*.md'], dir);
      assert.deepEqual(files(run.stdout), ['memos/a.md', 'memos/b.md', 'memos/deep/c.md']);
    });

    void it('matches an absolute glob against absolute paths', () => {
      const run = runCli(['check', `${dir}/memos/*.md`], dir);
      assert.deepEqual(files(run.stdout), [`${dir}/memos/a.md`, `${dir}/memos/b.md`]);
    });

    void it('exits 2 with one line on stderr for a glob that matches nothing', () => {
      assertRunFailed(runCli(['check', 'memoz/*.md'], dir), /no files match memoz\/\*\.md/);
      assertRunFailed(runCli(['check', 'memos/a.md', 'memos/*.markdown'], dir), /no files match memos\/\*\.markdown/);
    });

    void it('exits 2 for a folder without memos', () => {
      writeFiles(dir, { 'empty/readme.rst': 'Not a memo.\n' });
      assertRunFailed(runCli(['check', 'empty'], dir), /no memos .* in empty/);
    });

    void it('checks the Markdown and text memos in a folder argument', () => {
      const run = runCli(['check', 'memos'], dir);
      assert.deepEqual(files(run.stdout), ['memos/a.md', 'memos/b.md', 'memos/deep/c.md', 'memos/notes.txt']);
    });

    void it('checks a plain-text memo, with # suppression comments', () => {
      const run = runCli(['check', memo('plain-memo.txt')], cwd);
      assert.deepEqual(
        findingLines(run.stdout).map((l) => l.replace(/^.*plain-memo\.txt:/, '').split(' ').slice(0, 3).join(' ')),
        ['6:34 error unknown-citation'],
      );
    });
  });
});

describe('messages in the user\'s language', () => {
  it('writes findings in Russian with --locale ru and in Kazakh with --locale kk, rule ids unchanged', () => {
    const ru = runCli(['check', '--locale', 'ru', path.join(repoRoot, 'examples', 'briefing.md')]);
    assert.equal(ru.status, 1, ru.stderr);
    assert.match(ru.stdout, /unknown-citation Ключа `dayyrbekov-kursiv-2024` нет в корпусе\. Возможно, имелось в виду `dayyrbekov-kursiv-2024-04`\?/);
    const kk = runCli(['check', '--locale', 'kk', path.join(repoRoot, 'examples', 'briefing.md')]);
    assert.match(kk.stdout, /unsourced-claim Сөйлемде сан \(14\.1 million\)/);
  });
});
