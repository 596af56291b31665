import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_LIMITS, parseCorpusText } from '../../server/src/engine/corpus/parse.js';
import { readCorpusFile } from '../../server/src/engine/corpus/source.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { makeTempDir, removeDir } from '../helpers/cli.js';
import { corpusSchema, loadFolders } from '../helpers/engine.js';

/** A YAML "billion laughs": each level expands the one before nine times. */
function aliasBomb(levels: number): string {
  const lines = ['base: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const ENTRY = [
  '- id: good-entry',
  '  kind: law',
  '  title: {en: A good law}',
  '  verification: {level: read}',
  '',
].join('\n');

void describe('corpus limits', () => {
  void it('refuses an alias bomb, pointing at an alias', () => {
    const text = aliasBomb(9);
    const r = parseCorpusText(text);
    assert.equal(r.fatal, true);
    assert.equal(r.data, undefined);
    const [f] = r.findings;
    assert.equal(f?.rule, 'corpus-yaml');
    assert.match(f.message, /alias/);
    assert.equal(text[f.span.start], '*');
  });

  void it('reads a file that uses a few aliases', () => {
    const r = parseCorpusText('- &t {en: Title}\n- *t\n- *t\n');
    assert.equal(r.fatal, false);
    assert.deepEqual(r.data, [{ en: 'Title' }, { en: 'Title' }, { en: 'Title' }]);
  });

  void it('refuses 20,000 nested flow sequences without a stack overflow', () => {
    const r = parseCorpusText(`${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    assert.equal(r.fatal, true);
    assert.match(r.findings[0]!.message, /nests deeper than 64 levels/);
  });

  void it('refuses 20,000 nested flow mappings without a stack overflow', () => {
    const r = parseCorpusText(`${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`);
    assert.equal(r.fatal, true);
    assert.match(r.findings[0]!.message, /nests deeper than 64 levels/);
  });

  void it('refuses 20,000 nested block sequences on the first line without a stack overflow', () => {
    const r = parseCorpusText(`${'- '.repeat(20_000)}x\n`);
    assert.equal(r.fatal, true);
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0]!.message, /nests deeper than 64 levels/);
    assert.equal(r.findings[0]!.span.start, 0);
  });

  void it('refuses 20,000 nested block sequences after a comment line, at the line that is too deep', () => {
    const text = `# deep\n${'- '.repeat(20_000)}x\n`;
    const r = parseCorpusText(text);
    assert.equal(r.fatal, true);
    assert.match(r.findings[0]!.message, /nests deeper than 64 levels/);
    assert.equal(new LineIndex(text).lineCol(r.findings[0]!.span.start).line, 2);
  });

  void it('refuses 20,000 nested block mappings without a stack overflow', () => {
    let text = '';
    for (let i = 0; i < 20_000; i++) text += `${' '.repeat(i)}k:\n`;
    const r = parseCorpusText(text);
    assert.equal(r.fatal, true);
    assert.match(r.findings[0]!.message, /nests deeper than 64 levels/);
  });

  void it('refuses nesting just over the limit and accepts it at the limit', () => {
    const at = `${'['.repeat(DEFAULT_LIMITS.maxDepth)}${']'.repeat(DEFAULT_LIMITS.maxDepth)}\n`;
    assert.equal(parseCorpusText(at).fatal, false);
    const over = `${'['.repeat(DEFAULT_LIMITS.maxDepth + 1)}${']'.repeat(DEFAULT_LIMITS.maxDepth + 1)}\n`;
    assert.equal(parseCorpusText(over).fatal, true);
  });

  void it('takes its limits from the caller', () => {
    const r = parseCorpusText('- &a x\n- *a\n', { ...DEFAULT_LIMITS, maxAliases: 0 });
    assert.equal(r.fatal, true);
    assert.match(r.findings[0]!.message, /more than 0 YAML aliases/);
  });

  void it('refuses a NUL byte with its position', () => {
    const text = '- id: x\n  kind: law\u0000\n';
    const r = parseCorpusText(text);
    assert.equal(r.fatal, true);
    assert.equal(r.findings[0]!.span.start, text.indexOf('\u0000'));
  });

  void it('treats __proto__ and constructor keys as plain data and never touches Object.prototype', () => {
    const r = parseCorpusText(['- id: x', '  __proto__: {polluted: yes}', '  constructor: {prototype: {polluted: yes}}', '  title: {__proto__: polluted}', ''].join('\n'));
    assert.equal(r.fatal, false);
    const [entry] = r.data as Record<string, unknown>[];
    assert.ok(entry);
    assert.equal(Object.getPrototypeOf(entry), Object.prototype);
    assert.deepEqual(Object.keys(entry), ['id', '__proto__', 'constructor', 'title']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  void it('positions invalid YAML where the parser found it', () => {
    const text = '- id: x\n  kind: law: extra\n  title: y\n';
    const [f] = parseCorpusText(text).findings;
    assert.equal(f?.rule, 'corpus-yaml');
    assert.match(f.message, /^Invalid YAML: /);
    assert.equal(new LineIndex(text).lineCol(f.span.start).line, 2);
  });

  void it('keeps offsets when the file starts with a byte-order mark', () => {
    const text = '\ufeff- id: x\n  id: y\n';
    const [f] = parseCorpusText(text).findings;
    assert.equal(new LineIndex(text).lineCol(f!.span.start).line, 2);
  });

  void describe('files on disk', () => {
    let dir = '';
    before(() => {
      dir = makeTempDir();
    });
    after(() => removeDir(dir));

    void it('refuses a file over 5 MB without reading it', () => {
      const file = path.join(dir, 'big.yaml');
      fs.writeFileSync(file, `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
      const st = readCorpusFile(file, false, corpusSchema());
      assert.equal(st.fatal, true);
      assert.equal(st.source.count, 0);
      assert.equal(st.findings[0]?.rule, 'corpus-yaml');
      assert.match(st.findings[0].message, /over the 5 MB limit/);
      fs.rmSync(file);
    });

    void it('refuses invalid UTF-8 with the position of the first bad byte', () => {
      const file = path.join(dir, 'latin1.yaml');
      fs.writeFileSync(file, Buffer.concat([Buffer.from('- id: x\n  title: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
      const st = readCorpusFile(file, false, corpusSchema());
      assert.equal(st.fatal, true);
      assert.match(st.findings[0]!.message, /not valid UTF-8/);
      assert.equal(st.findings[0]!.span.start, '- id: x\n  title: caf'.length);
      fs.rmSync(file);
    });

    void it('refuses random bytes with a position and still serves the good files beside them', () => {
      const bytes = Buffer.alloc(4096);
      let seed = 12345;
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        bytes[i] = seed >> 16;
      }
      fs.writeFileSync(path.join(dir, 'random.yaml'), bytes);
      fs.writeFileSync(path.join(dir, 'good.yaml'), ENTRY);
      const corpus = loadFolders(dir);
      const bad = corpus.findings.filter((f) => f.file.endsWith('random.yaml'));
      assert.equal(bad.length, 1);
      assert.equal(bad[0]!.rule, 'corpus-yaml');
      assert.ok(bad[0]!.span.end > bad[0]!.span.start, 'a position, not the whole file');
      assert.deepEqual(corpus.entries.map((e) => e.id), ['good-entry']);
    });
  });
});
