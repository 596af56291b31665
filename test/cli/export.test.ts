/**
 * `lexlens export --format csl-json`: the corpus as CSL-JSON, from the real CLI bundle. Every id
 * that SPEC §6 says other documents rely on is exported, laws with their number and adoption
 * date; and pandoc's citeproc renders a memo's citations from the export (when pandoc is
 * installed; CI installs it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir, removeDir, runCli } from '../helpers/cli.js';
import { fixture, repoRoot, SPEC_IDS } from '../helpers/paths.js';

interface CslItem {
  id: string;
  type: string;
  title: string;
  issued?: { 'date-parts': number[][] };
  number?: string;
  URL?: string;
  author?: { literal: string }[];
}

/** Laws whose number and adoption date the export must carry (from shared/reference/corpus-facts.md). */
const LAWS: readonly [id: string, number: string, issued: [number, number, number]][] = [
  ['kz-online-platforms-2023', '18-VIII', [2023, 7, 10]],
  ['kz-personal-data-2013', '94-V', [2013, 5, 21]],
  ['kz-mass-media-2024', '93-VIII', [2024, 6, 19]],
  ['uz-personal-data-2019', 'ZRU-547', [2019, 7, 2]],
  ['ru-foreign-persons-internet-2021', '236-FZ', [2021, 7, 1]],
];

/** The whole bundled corpus as CSL-JSON. */
function exportAll(): CslItem[] {
  const run = runCli(['export', '--format', 'csl-json'], repoRoot);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as CslItem[];
}

function pandocAvailable(): boolean {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return !r.error && r.status === 0;
}

void describe('lexlens export --format csl-json', () => {
  void it('exports only the entries a memo cites, as CSL-JSON sorted by id', () => {
    const run = runCli(['export', '--format', 'csl-json', '--cited-in', fixture('memos', 'clean.md')], repoRoot);
    assert.equal(run.status, 0, run.stderr);
    const items = JSON.parse(run.stdout) as CslItem[];
    assert.deepEqual(
      items.map((i) => i.id),
      ['kz-online-platforms-2023', 'tiktok-kazinform-2024-04'],
    );
  });

  void it('exports a law as legislation with its number and adoption date', () => {
    const run = runCli(['export', '--format', 'csl-json', '--no-bundled-corpus', '--corpus', fixture('corpus', 'good')], repoRoot);
    const law = (JSON.parse(run.stdout) as CslItem[]).find((i) => i.id === 'mini-platforms-law');
    assert.equal(law?.type, 'legislation');
    assert.equal(law.number, '18-VIII');
    assert.deepEqual(law.issued, { 'date-parts': [[2023, 7, 10]] });
  });

  void it('exits 2 with one line on stderr for a format it does not write', () => {
    const run = runCli(['export', '--format', 'bibtex'], repoRoot);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^lexlens: unknown --format bibtex[^\n]*\n$/);
  });

  void it('exports every id the specification says other documents rely on, each once, in id order', () => {
    const items = exportAll();
    const ids = items.map((i) => i.id);
    for (const id of SPEC_IDS) assert.equal(ids.filter((x) => x === id).length, 1, `${id} is exported once`);
    assert.deepEqual(ids, [...ids].sort(), 'sorted by id');
    for (const i of items) assert.ok(i.type && i.title, `${i.id} has a type and a title`);
  });

  for (const [id, number, issued] of LAWS) {
    void it(`exports ${id} as legislation No. ${number} issued ${issued.join('-')}`, () => {
      const law = exportAll().find((i) => i.id === id);
      assert.ok(law, `${id} is exported`);
      assert.equal(law.type, 'legislation');
      assert.equal(law.number, number);
      assert.deepEqual(law.issued, { 'date-parts': [issued] });
    });
  }

  void it('exports the statements and the event of the specification with their own CSL types, a statement with its speaker as author', () => {
    const byId = new Map(exportAll().map((i) => [i.id, i]));
    for (const id of ['balaeva-2024-04-22', 'tiktok-kazinform-2024-04', 'dayyrbekov-kursiv-2024-04', 'sairov-inquiry-2024-04-22', 'iskakov-senate-2024-06-06', 'khalykbergen-2024-04-17']) {
      assert.notEqual(byId.get(id)?.type, 'legislation', `${id} is not legislation`);
    }
    assert.equal(byId.get('uz-social-media-restrictions-2021')?.type, 'event');
    const balaeva = byId.get('balaeva-2024-04-22');
    assert.ok(balaeva?.author?.[0]?.literal, 'the statement has its speaker as author');
    assert.deepEqual(balaeva.issued, { 'date-parts': [[2024, 4, 22]] });
  });

  void it(
    'pandoc --citeproc renders a memo citing several entries from the export with no citation-not-found warning',
    { skip: pandocAvailable() ? false : 'pandoc is not installed (CI installs it)' },
    () => {
      const dir = makeTempDir();
      try {
        const memo = [
          '# Memo',
          '',
          'Platforms must answer within 24 hours [@kz-online-platforms-2023, art. 9].',
          '',
          'Personal data stays in the country [@kz-personal-data-2013; @kz-mass-media-2024].',
          '',
          'Neighbours did the same [@uz-personal-data-2019; @ru-foreign-persons-internet-2021].',
          '',
          'The minister said so [@balaeva-2024-04-22].',
          '',
        ].join('\n');
        fs.writeFileSync(path.join(dir, 'memo.md'), memo);
        const exported = runCli(['export', '--format', 'csl-json', '--cited-in', 'memo.md'], dir);
        assert.equal(exported.status, 0, exported.stderr);
        const bib = path.join(dir, 'bib.json');
        fs.writeFileSync(bib, exported.stdout);
        assert.deepEqual(
          (JSON.parse(exported.stdout) as CslItem[]).map((i) => i.id),
          ['balaeva-2024-04-22', 'kz-mass-media-2024', 'kz-online-platforms-2023', 'kz-personal-data-2013', 'ru-foreign-persons-internet-2021', 'uz-personal-data-2019'],
        );
        const r = spawnSync('pandoc', ['--citeproc', '--bibliography', bib, 'memo.md', '-t', 'plain', '--wrap=none'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.error, undefined);
        assert.equal(r.status, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /not found/i, `pandoc warned: ${r.stderr}`);
        assert.doesNotMatch(r.stdout, /@[a-z]/, 'no raw @key is left in the text');
        assert.doesNotMatch(r.stdout, /\?\)/, 'no unresolved citation marker such as "(key?)"');
        assert.match(r.stdout, /\(On Online Platforms and Online Advertising 2023, art\. 9\)/, 'the law is cited by its title and year with its pinpoint');
        assert.match(r.stdout, /On Personal Data and Their Protection\. 2013\./, 'the bibliography lists the cited laws');
      } finally {
        removeDir(dir);
      }
    },
  );
});
