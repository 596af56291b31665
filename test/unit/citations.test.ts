import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMemo } from '../../server/src/engine/memo/analyze.js';
import { findCitations, type Citation } from '../../server/src/engine/memo/citations.js';

/** Each citation item as key, the text its key span covers, and its pinpoint. */
function items(text: string): { key: string; at: string; pinpoint?: string; suppressAuthor: boolean; inText: boolean }[] {
  return findCitations(text, 0).flatMap((c: Citation) =>
    c.items.map((it) => ({
      key: it.key,
      at: text.slice(it.keySpan.start, it.keySpan.end),
      ...(it.pinpointSpan ? { pinpoint: text.slice(it.pinpointSpan.start, it.pinpointSpan.end) } : {}),
      suppressAuthor: it.suppressAuthor,
      inText: c.inText,
    })),
  );
}

void describe('citations in prose', () => {
  void it('finds a bracketed citation [@key] and spans the whole group', () => {
    const text = 'See [@kz-online-platforms-2023].';
    const [c] = findCitations(text, 0);
    assert.ok(c);
    assert.equal(text.slice(c.span.start, c.span.end), '[@kz-online-platforms-2023]');
    assert.deepEqual(items(text), [{ key: 'kz-online-platforms-2023', at: 'kz-online-platforms-2023', suppressAuthor: false, inText: false }]);
  });

  void it('reads a prefix, a pinpoint and a second item in [see @a, art. 9; @b]', () => {
    assert.deepEqual(items('[see @a, art. 9; @b]'), [
      { key: 'a', at: 'a', pinpoint: 'art. 9', suppressAuthor: false, inText: false },
      { key: 'b', at: 'b', suppressAuthor: false, inText: false },
    ]);
  });

  void it('reads [-@key] as a citation that suppresses the author', () => {
    assert.deepEqual(items('as the minister said [-@balaeva-2024-04-22]'), [{ key: 'balaeva-2024-04-22', at: 'balaeva-2024-04-22', suppressAuthor: true, inText: false }]);
  });

  void it('finds an in-text @key', () => {
    assert.deepEqual(items('As @balaeva-2024-04-22 said, TikTok could be blocked.'), [{ key: 'balaeva-2024-04-22', at: 'balaeva-2024-04-22', suppressAuthor: false, inText: true }]);
  });

  void it('reads the bracketed locator after an in-text key, @key [p. 3]', () => {
    const text = '@report-2024 [p. 3] says so.';
    assert.deepEqual(items(text), [{ key: 'report-2024', at: 'report-2024', pinpoint: 'p. 3', suppressAuthor: false, inText: true }]);
    assert.equal(text.slice(findCitations(text, 0)[0]!.span.start, findCitations(text, 0)[0]!.span.end), '@report-2024 [p. 3]');
  });

  void it('ends a key before trailing punctuation', () => {
    assert.deepEqual(items('Cited by @key-2024.').map((i) => i.key), ['key-2024']);
    assert.deepEqual(items('Cited by @key-2024, then more.').map((i) => i.key), ['key-2024']);
    assert.deepEqual(items('Cited (@key-2024).').map((i) => i.key), ['key-2024']);
    assert.deepEqual(items('Cited by @key-2024: details.').map((i) => i.key), ['key-2024']);
    assert.deepEqual(items('Cited by @key-2024...').map((i) => i.key), ['key-2024']);
  });

  void it('keeps the punctuation that keys may contain inside a key (a.b:c_d-e)', () => {
    assert.deepEqual(items('[@a.b:c_d-e].').map((i) => i.key), ['a.b:c_d-e']);
  });

  void it('does not read an e-mail address as a citation', () => {
    assert.deepEqual(items('Write to info@example.com for the text.'), []);
    assert.deepEqual(items('Write to [info@example.com] for the text.'), []);
  });

  void it('skips an e-mail address inside a citation group but keeps the real key', () => {
    assert.deepEqual(items('[info@example.com; @real-key]').map((i) => i.key), ['real-key']);
  });

  void it('offsets spans by the position of the text in the memo', () => {
    const [c] = findCitations('[@k]', 100);
    assert.deepEqual(c?.span, { start: 100, end: 104 });
    assert.deepEqual(c?.items[0]?.keySpan, { start: 102, end: 103 });
  });

  void it('reads a citation whose pinpoint is on the next line of the paragraph', () => {
    const text = 'Platforms must appoint a representative [@kz-online-platforms-2023,\nart. 9(1)].\n';
    const memo = analyzeMemo(text, 'markdown');
    assert.equal(memo.citations.length, 1);
    const it0 = memo.citations[0]!.items[0]!;
    assert.equal(it0.key, 'kz-online-platforms-2023');
    assert.equal(text.slice(it0.pinpointSpan!.start, it0.pinpointSpan!.end), 'art. 9(1)');
    assert.equal(it0.pinpoint?.article, '9');
  });

  void it('reads a citation whose key is on the line after the opening bracket', () => {
    const memo = analyzeMemo('The minister said so [see\n@balaeva-2024-04-22].\n', 'markdown');
    assert.deepEqual(memo.citations.map((c) => c.items.map((i) => i.key)), [['balaeva-2024-04-22']]);
  });

  void it('does not read citations in code, inline code or HTML comments', () => {
    const text = ['```', '[@in-code-block]', '```', '', 'Use `[@in-inline-code]` here. <!-- [@in-comment] --> [@real]', ''].join('\n');
    assert.deepEqual(analyzeMemo(text, 'markdown').citations.flatMap((c) => c.items.map((i) => i.key)), ['real']);
  });
});
