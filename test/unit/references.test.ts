/**
 * Find references over workspace memos: every citation of a key, in each memo as it is now. The
 * engine keeps what each memo cites by its text, so these check that a changed memo is read
 * again, that a memo is read as its language says, and that the same text in two files is found
 * in both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileSnapshot } from '../../server/src/engine/index.js';
import { md, plain, unitEngine } from '../helpers/engine.js';

const KEY = 'kz-online-platforms-2023';
/** What a reader sees of each reference: the file and the cited text at its span. */
const seen = (docs: readonly FileSnapshot[]) =>
  unitEngine()
    .references(docs, KEY)
    .map((l) => `${l.file}: ${docs.find((d) => d.file === l.file)!.doc.text.slice(l.span.start, l.span.end)} @${l.span.start}`);

/** Where the key of the n-th `@key` of a text begins. */
const nth = (text: string, n: number) => {
  let at = -1;
  for (let k = 0; k <= n; k++) at = text.indexOf(`@${KEY}`, at + 1);
  return at + 1;
};

describe('find references in workspace memos', () => {
  const a = `Platforms must appoint a representative [@${KEY}, art. 9].\n`;
  const b = `# B\n\nSee [@${KEY}] and [@eu-dsa-2022].\n`;

  it('finds each citation of the key in each memo, and a memo changed since is read again', () => {
    assert.deepEqual(seen([{ file: 'a.md', doc: md(a) }, { file: 'b.md', doc: md(b) }]), [`a.md: ${KEY} @${nth(a, 0)}`, `b.md: ${KEY} @${nth(b, 0)}`]);
    const changed = `Intro.\n\n${b}Again [@${KEY}].\n`;
    assert.deepEqual(seen([{ file: 'a.md', doc: md(a) }, { file: 'b.md', doc: md(changed) }]), [`a.md: ${KEY} @${nth(a, 0)}`, `b.md: ${KEY} @${nth(changed, 0)}`, `b.md: ${KEY} @${nth(changed, 1)}`]);
  });

  it('finds the same text in two files in both', () => {
    assert.deepEqual(seen([{ file: 'one.md', doc: md(a) }, { file: 'two.md', doc: md(a) }]), [`one.md: ${KEY} @${nth(a, 0)}`, `two.md: ${KEY} @${nth(a, 0)}`]);
  });

  it('reads a memo as its language says: a citation in a Markdown code block is not one', () => {
    const text = `Cited [@${KEY}].\n\n\`\`\`\nnot cited [@${KEY}]\n\`\`\`\n`;
    assert.deepEqual(seen([{ file: 'memo.md', doc: md(text) }]), [`memo.md: ${KEY} @${nth(text, 0)}`]);
    assert.deepEqual(seen([{ file: 'memo.txt', doc: plain(text) }]), [`memo.txt: ${KEY} @${nth(text, 0)}`, `memo.txt: ${KEY} @${nth(text, 1)}`]);
    assert.deepEqual(seen([{ file: 'memo.md', doc: md(text) }]), [`memo.md: ${KEY} @${nth(text, 0)}`]);
  });
});
