import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMemo } from '../../server/src/engine/memo/analyze.js';
import { splitSentences } from '../../server/src/engine/memo/sentences.js';

function sentences(text: string, languageId = 'markdown'): string[] {
  const memo = analyzeMemo(text, languageId);
  return memo.sentences.map((s) => text.slice(s.span.start, s.span.end));
}

void describe('sentences', () => {
  void it('splits a paragraph into its sentences, without the white space between them', () => {
    assert.deepEqual(sentences('First one. Second one? Third one!'), ['First one.', 'Second one?', 'Third one!']);
  });

  void it('does not end a sentence at a soft line break', () => {
    assert.deepEqual(sentences('A platform with more than 100,000 daily users\nmust appoint a legal representative.\n'), [
      'A platform with more than 100,000 daily users\nmust appoint a legal representative.',
    ]);
  });

  void it('does not end a sentence at a soft line break written with CRLF', () => {
    assert.deepEqual(sentences('TikTok removed\r\n4 million videos. Next.\r\n'), ['TikTok removed\r\n4 million videos.', 'Next.']);
  });

  void it('does not end a sentence after "art." in "art. 9"', () => {
    assert.deepEqual(sentences('The duty is set in art. 9 of the Law. It applies to large platforms.'), [
      'The duty is set in art. 9 of the Law.',
      'It applies to large platforms.',
    ]);
  });

  void it('does not end a sentence after "No." in "No. 18"', () => {
    assert.deepEqual(sentences('Law No. 18 was adopted in July. It came into force later.'), ['Law No. 18 was adopted in July.', 'It came into force later.']);
  });

  void it('does not end a sentence after "ст." and "п." in Russian', () => {
    assert.deepEqual(sentences('Это следует из ст. 9 п. 4 Закона. Второе предложение.'), ['Это следует из ст. 9 п. 4 Закона.', 'Второе предложение.']);
  });

  void it('keeps a citation written after the period with the sentence before it', () => {
    assert.deepEqual(sentences('TikTok removed 4 million videos. [@tiktok-kazinform-2024-04] The ministry answered.'), [
      'TikTok removed 4 million videos. [@tiktok-kazinform-2024-04]',
      'The ministry answered.',
    ]);
  });

  void it('ends a paragraph\'s last sentence at the paragraph, not in the next one', () => {
    assert.deepEqual(sentences('No period at the end\n\nNext paragraph.'), ['No period at the end', 'Next paragraph.']);
  });

  void it('offsets sentence spans by where the block starts in the memo', () => {
    const [s] = splitSentences('Hello there.', 50, 0, 'en');
    assert.deepEqual(s?.span, { start: 50, end: 62 });
  });

  void it('splits sentences of a Kazakh paragraph', () => {
    assert.deepEqual(sentences('Платформа өкіл тағайындайды. Министрлік жауап берді.'), ['Платформа өкіл тағайындайды.', 'Министрлік жауап берді.']);
  });
});
