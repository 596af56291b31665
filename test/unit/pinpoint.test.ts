import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPinpoint, parsePinpoint } from '../../server/src/engine/memo/pinpoint.js';

/** The parts of a pinpoint a check looks at. */
function read(raw: string): { article?: string; paragraphs: readonly string[]; page?: string } {
  const p = parsePinpoint(raw);
  return { ...(p.article !== undefined ? { article: p.article } : {}), paragraphs: p.paragraphs, ...(p.page !== undefined ? { page: p.page } : {}) };
}

void describe('pinpoint locators', () => {
  void describe('English', () => {
    void it('reads "art. 9(4)(2)" as article 9, paragraph 4, item 2', () => {
      assert.deepEqual(read('art. 9(4)(2)'), { article: '9', paragraphs: ['4', '2'] });
    });

    void it('reads "arts. 9" as article 9', () => {
      assert.deepEqual(read('arts. 9'), { article: '9', paragraphs: [] });
    });

    void it('reads "article 9" and "Article 9" alike', () => {
      assert.deepEqual(read('article 9'), { article: '9', paragraphs: [] });
      assert.deepEqual(read('Article 9'), { article: '9', paragraphs: [] });
    });

    void it('ignores the case of the locator word ("ART. 9")', () => {
      assert.deepEqual(read('ART. 9'), { article: '9', paragraphs: [] });
    });

    void it('accepts a space before the parenthesised paragraph ("art. 9 (1)")', () => {
      assert.deepEqual(read('art. 9 (1)'), { article: '9', paragraphs: ['1'] });
    });

    void it('reads "art. 9, para. 1" as article 9, paragraph 1', () => {
      assert.deepEqual(read('art. 9, para. 1'), { article: '9', paragraphs: ['1'] });
    });

    void it('reads "§ 3" as a paragraph without an article', () => {
      assert.deepEqual(read('§ 3'), { paragraphs: ['3'] });
    });

    void it('reads "p. 12" as a page, not an article', () => {
      assert.deepEqual(read('p. 12'), { paragraphs: [], page: '12' });
    });

    void it('reads "pp. 12-14" as a page range', () => {
      assert.deepEqual(read('pp. 12-14'), { paragraphs: [], page: '12-14' });
    });
  });

  void describe('Russian', () => {
    void it('reads "ст. 9 п. 4" as article 9, paragraph 4', () => {
      assert.deepEqual(read('ст. 9 п. 4'), { article: '9', paragraphs: ['4'] });
    });

    void it('reads "п. 4 ст. 9", paragraph first, as article 9, paragraph 4', () => {
      assert.deepEqual(read('п. 4 ст. 9'), { article: '9', paragraphs: ['4'] });
    });

    void it('reads "подп. 2 п. 4 ст. 9" as article 9, paragraph 4, item 2', () => {
      assert.deepEqual(read('подп. 2 п. 4 ст. 9'), { article: '9', paragraphs: ['4', '2'] });
    });

    void it('reads "ч. 2 статьи 5" as article 5, part 2', () => {
      assert.deepEqual(read('ч. 2 статьи 5'), { article: '5', paragraphs: ['2'] });
    });

    void it('ignores the case of the locator word ("СТ. 9")', () => {
      assert.deepEqual(read('СТ. 9'), { article: '9', paragraphs: [] });
    });

    void it('reads "9 п. 4", an article number without a label, as article 9, paragraph 4', () => {
      assert.deepEqual(read('9 п. 4'), { article: '9', paragraphs: ['4'] });
    });
  });

  void describe('Kazakh', () => {
    void it('reads "9-бап 4-тармақ" as article 9, paragraph 4', () => {
      assert.deepEqual(read('9-бап 4-тармақ'), { article: '9', paragraphs: ['4'] });
    });

    void it('reads the inflected "9-бабы 4-тармағы" as article 9, paragraph 4', () => {
      assert.deepEqual(read('9-бабы 4-тармағы'), { article: '9', paragraphs: ['4'] });
    });
  });

  void describe('numbers with parts', () => {
    void it('keeps "41-1" whole as one article number', () => {
      assert.deepEqual(read('41-1'), { article: '41-1', paragraphs: [] });
      assert.deepEqual(read('art. 41-1'), { article: '41-1', paragraphs: [] });
    });

    void it('reads a bare "9(4)(2)" as article 9, paragraph 4, item 2', () => {
      assert.deepEqual(read('9(4)(2)'), { article: '9', paragraphs: ['4', '2'] });
    });

    void it('marks a locator with a known word as recognised and a bare number as not', () => {
      assert.equal(parsePinpoint('art. 9').recognised, true);
      assert.equal(parsePinpoint('41-1').recognised, false);
    });

    void it('keeps the raw text it was given', () => {
      assert.equal(parsePinpoint('ст. 9 п. 4').raw, 'ст. 9 п. 4');
    });
  });

  void describe('formatting for completion', () => {
    void it('writes an article as "art. 9"', () => {
      assert.equal(formatPinpoint('9'), 'art. 9');
    });

    void it('writes a paragraph path "4(2)" as "art. 9(4)(2)"', () => {
      assert.equal(formatPinpoint('9', '4(2)'), 'art. 9(4)(2)');
    });

    void it('round-trips: a formatted pinpoint parses back to the same article and paragraphs', () => {
      assert.deepEqual(read(formatPinpoint('41-1', '1')), { article: '41-1', paragraphs: ['1'] });
    });
  });
});
