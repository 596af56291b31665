import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findingLines, runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const BROKEN = fixture('corpus', 'broken');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? yamlFiles(path.join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [path.join(dir, d.name)] : []))
    .sort();
}

void describe('lexlens corpus validate', () => {
  void it('exits 0 on the bundled corpus', () => {
    const run = runCli(['corpus', 'validate'], repoRoot);
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(findingLines(run.stdout), []);
    assert.match(run.stderr, /^\d+ files?, \d+ entries, 0 problems\n$/);
  });

  void it('exits 0 on the good test corpus', () => {
    const run = runCli(['corpus', 'validate', 'test/fixtures/corpus/good'], repoRoot);
    assert.equal(run.status, 0, run.stdout);
  });

  void it('exits 1 on the broken fixtures and reports each at its file, expected line and a column', () => {
    const run = runCli(['corpus', 'validate', 'test/fixtures/corpus/broken'], repoRoot);
    assert.equal(run.status, 1);
    const lines = findingLines(run.stdout);
    for (const file of yamlFiles(BROKEN)) {
      const m = /^# expect: ([a-z-]+) line (\d+)/.exec(fs.readFileSync(file, 'utf8'));
      assert.ok(m, `${file} has an expect header`);
      const rel = path.relative(repoRoot, file);
      const mine = lines.filter((l) => l.startsWith(`${rel}:`));
      assert.equal(mine.length, 1, `${rel}:\n${run.stdout}`);
      assert.match(mine[0]!, new RegExp(`^${rel.replace(/[.]/g, '\\.')}:${m[2]}:\\d+ error ${m[1]} `));
    }
  });

  void it('validates a single file given as a path', () => {
    const run = runCli(['corpus', 'validate', 'test/fixtures/corpus/broken/bad-id.yaml'], repoRoot);
    assert.equal(run.status, 1);
    assert.deepEqual(
      findingLines(run.stdout).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['test/fixtures/corpus/broken/bad-id.yaml:3:7 error corpus-schema'],
    );
    // Counted as ESLint counts: one of a kind is singular.
    assert.match(run.stdout, /\n1 problem \(1 error, 0 warnings, 0 infos, 0 hints\)\n$/);
  });

  void it('writes its findings in the language of --locale, else of the environment', () => {
    const file = 'test/fixtures/corpus/broken/missing-id.yaml';
    const message = (args: string[], env: Record<string, string> = {}) => findingLines(runCli(['corpus', 'validate', ...args, file], repoRoot, env).stdout)[0]!.replace(/^.*? corpus-schema /, '');
    assert.equal(message([]), 'The entry is missing the required field `id`.');
    assert.equal(message(['--locale', 'ru']), 'Запись: нет обязательного поля `id`.');
    assert.equal(message([], { LC_ALL: 'kk_KZ.UTF-8' }), 'Жазба: міндетті `id` өрісі жоқ.');
  });

  void it('prints JSON with --format json', () => {
    const run = runCli(['corpus', 'validate', '--format', 'json', 'test/fixtures/corpus/broken/not-yaml.yaml'], repoRoot);
    assert.equal(run.status, 1);
    const rows = JSON.parse(run.stdout) as { file: string; line: number; rule: string }[];
    assert.deepEqual(rows.map((r) => [r.file, r.line, r.rule]), [['test/fixtures/corpus/broken/not-yaml.yaml', 8, 'corpus-yaml']]);
  });

  void it('exits 2 with one line on stderr for an unknown --format or option', () => {
    for (const args of [['--format', 'xml'], ['--bogus']]) {
      const run = runCli(['corpus', 'validate', ...args, 'test/fixtures/corpus/good'], repoRoot);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trimEnd().split('\n').length, 1);
      assert.match(run.stderr, /^lexlens: /);
    }
  });

  void it('reports a path that does not exist and exits 1', () => {
    const run = runCli(['corpus', 'validate', 'test/fixtures/corpus/no-such-folder'], repoRoot);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /corpus-yaml .*does not exist/);
  });
});
