import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownStructure, plainTextStructure, type MemoStructure } from '../../server/src/engine/memo/structure.js';

/** All prose the structure keeps, blocks joined by a bar. */
function prose(s: MemoStructure): string {
  return s.blocks.map((b) => b.text.replace(/\s+/g, ' ').trim()).join(' | ');
}

void describe('Markdown memo structure', () => {
  void it('keeps paragraphs and headings as prose', () => {
    const s = markdownStructure('# Title\n\nFirst paragraph.\n\nSecond paragraph.\n');
    assert.deepEqual(s.blocks.map((b) => b.kind), ['heading', 'paragraph', 'paragraph']);
    assert.equal(prose(s), 'Title | First paragraph. | Second paragraph.');
  });

  void it('does not treat a fenced code block as prose', () => {
    const s = markdownStructure('Before.\n\n```yaml\nmust: 5 million\n```\n\nAfter.\n');
    assert.equal(prose(s), 'Before. | After.');
  });

  void it('does not treat an indented code block as prose', () => {
    const s = markdownStructure('Before.\n\n    must pay 5 million\n\nAfter.\n');
    assert.equal(prose(s), 'Before. | After.');
  });

  void it('blanks inline code but keeps the prose around it, at the same offsets', () => {
    const text = 'Run `must 100` now.';
    const s = markdownStructure(text);
    const b = s.blocks[0]!;
    assert.equal(b.text.length, b.span.end - b.span.start);
    assert.equal(b.text, 'Run            now.');
  });

  void it('does not treat an HTML comment as prose, and records it as a comment', () => {
    const s = markdownStructure('Visible text. <!-- hidden must 100 -->\n\n<!-- a block comment -->\n');
    assert.equal(prose(s), 'Visible text.');
    assert.deepEqual(s.comments.map((c) => c.text.trim()), ['hidden must 100', 'a block comment']);
  });

  void it('keeps a link\'s text as prose but not its URL', () => {
    const s = markdownStructure('See [the official text](https://adilet.zan.kz/rus/docs/Z2300000018) for 2023.\n');
    assert.equal(prose(s), 'See the official text for 2023.');
  });

  void it('does not treat an autolink\'s URL as prose', () => {
    const s = markdownStructure('Source: <https://example.com/2024/must>.\n');
    assert.doesNotMatch(prose(s), /example|must/);
  });

  void it('does not treat YAML front matter as prose and keeps its text for the memo date', () => {
    const s = markdownStructure('---\ntitle: Must pay 100 million\ndate: 2024-07-01\n---\n\nBody.\n');
    assert.equal(prose(s), 'Body.');
    assert.match(s.frontMatter ?? '', /date: 2024-07-01/);
  });

  void it('tells a table\'s header cells from its body cells', () => {
    const s = markdownStructure('| Measure | Threshold |\n|---|---|\n| Representative | 100,000 users |\n');
    assert.deepEqual(
      s.blocks.map((b) => [b.kind, b.text.replace(/\s+/g, ' ').trim()]),
      [
        ['tableHeader', 'Measure'],
        ['tableHeader', 'Threshold'],
        ['tableCell', 'Representative'],
        ['tableCell', '100,000 users'],
      ],
    );
  });

  void it('links a footnote reference to the blocks of its definition', () => {
    const text = 'Platforms removed 4 million videos.[^src]\n\n[^src]: See [@tiktok-kazinform-2024-04].\n';
    const s = markdownStructure(text);
    assert.deepEqual(s.footnoteRefs.map((r) => [r.label, text.slice(r.span.start, r.span.end)]), [['src', '[^src]']]);
    const def = s.blocks.find((b) => b.footnote === 'src');
    assert.ok(def, 'the footnote definition is a block labelled with its footnote');
    assert.match(def.text, /@tiktok-kazinform-2024-04/);
    assert.equal(s.blocks[0]!.footnote, undefined);
  });

  void it('masks the footnote marker itself out of the prose', () => {
    const s = markdownStructure('Claim here.[^1]\n\n[^1]: Note.\n');
    assert.doesNotMatch(s.blocks[0]!.text, /\^/);
  });

  void it('starts a section at each heading', () => {
    const s = markdownStructure('Intro.\n\n## Background\n\nText.\n\n## Findings\n\nMore.\n');
    assert.deepEqual(s.sections.map((x) => x.heading), [undefined, 'Background', 'Findings']);
  });

  void it('keeps every block\'s masked text the same length as its source span', () => {
    const text = '# H *emph* `code`\n\nA [link](https://x.y) and <b>html</b> and ![img](a.png).\n\n- item **bold**\n\n> quote `x`\n';
    for (const b of markdownStructure(text).blocks) assert.equal(b.text.length, b.span.end - b.span.start);
  });
});

void describe('plain-text memo structure', () => {
  void it('splits paragraphs at blank lines', () => {
    const s = plainTextStructure('One line\nstill one paragraph.\n\nSecond paragraph.\n');
    assert.equal(s.blocks.length, 2);
    assert.equal(prose(s), 'One line still one paragraph. | Second paragraph.');
  });

  void it('reads lines starting with # as comments, not prose', () => {
    const s = plainTextStructure('# lexlens-disable-next-line unsourced-claim\nPlatforms must comply.\n');
    assert.deepEqual(s.comments.map((c) => c.text), ['lexlens-disable-next-line unsourced-claim']);
    assert.equal(prose(s), 'Platforms must comply.');
  });

  void it('splits paragraphs at blank lines written with CRLF', () => {
    const s = plainTextStructure('First.\r\n\r\nSecond.\r\n');
    assert.equal(prose(s), 'First. | Second.');
  });
});
