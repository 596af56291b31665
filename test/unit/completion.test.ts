import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionResult } from '../../server/src/engine/index.js';
import { cursor, md, unitEngine } from '../helpers/engine.js';

/** Completion at the ‸ in a memo: the labels and the text each item replaces. */
function complete(marked: string): { labels: string[]; replaces: string[]; result: CompletionResult } {
  const { text, offset } = cursor(marked);
  const result = unitEngine().completion(md(text), offset);
  return { labels: result.items.map((i) => i.label), replaces: result.items.map((i) => text.slice(i.replace.start, i.replace.end)), result };
}

void describe('completion', () => {
  void describe('of citation keys', () => {
    void it('offers every entry after "[@", laws first', () => {
      const { labels } = complete('See [@‸');
      assert.deepEqual([...labels].sort(), ['balaeva-2024-04-22', 'dayyrbekov-kursiv-2024-04', 'eu-dsa-2022', 'kz-communications-2004', 'kz-online-platforms-2023', 'tiktok-kazinform-2024-04']);
      assert.deepEqual(labels.slice(0, 3), ['eu-dsa-2022', 'kz-communications-2004', 'kz-online-platforms-2023']);
    });

    void it('offers kz-online-platforms-2023 first after "[@kz-onl" and replaces what was typed', () => {
      const { labels, replaces, result } = complete('See [@kz-onl‸');
      assert.equal(labels[0], 'kz-online-platforms-2023');
      assert.equal(replaces[0], 'kz-onl');
      assert.equal(result.items[0]!.insertText, 'kz-online-platforms-2023');
    });

    void it('replaces the whole key when the cursor is in the middle of it', () => {
      const { replaces } = complete('See [@kz-onl‸ine].');
      assert.equal(replaces[0], 'kz-online');
    });

    void it('offers keys after ";" inside a citation', () => {
      const { labels } = complete('Said so [@balaeva-2024-04-22; @dayy‸');
      assert.equal(labels[0], 'dayyrbekov-kursiv-2024-04');
    });

    void it('offers keys after an in-text "@"', () => {
      assert.equal(complete('As @tik‸').labels[0], 'tiktok-kazinform-2024-04');
    });

    void it('orders the same way every time (ties broken by id)', () => {
      assert.deepEqual(complete('See [@‸').labels, complete('See [@‸').labels);
    });

    void it('gives each item a title and a card to show beside it', () => {
      const item = complete('See [@kz-onl‸').result.items[0]!;
      assert.match(item.detail, /On Online Platforms and Online Advertising/);
      assert.match(item.documentation, /No\. 18-VIII/);
    });

    void it('offers nothing inside an e-mail address', () => {
      assert.deepEqual(complete('Write to me@ex‸').labels, []);
    });

    void it('offers nothing in plain prose', () => {
      assert.deepEqual(complete('Nothing to cite ‸here').labels, []);
    });
  });

  void describe('of pinpoints', () => {
    void it('offers the articles and paragraphs of a law after ", "', () => {
      const { labels } = complete('Large platforms [@kz-online-platforms-2023, ‸');
      assert.deepEqual(labels, ['art. 1', 'art. 9', 'art. 9(1)', 'art. 9(2)', 'art. 9(4)', 'art. 9(4)(2)', 'art. 12']);
    });

    void it('narrows the pinpoints to what was typed and replaces it', () => {
      const { labels, replaces } = complete('Large platforms [@kz-online-platforms-2023, art. 9(‸]');
      assert.deepEqual(labels, ['art. 9(1)', 'art. 9(2)', 'art. 9(4)', 'art. 9(4)(2)']);
      assert.deepEqual(new Set(replaces), new Set(['art. 9(']));
    });

    void it('matches a Russian locator word to the same pinpoints', () => {
      assert.ok(complete('Платформы [@kz-online-platforms-2023, ст. 9‸').labels.includes('art. 9(1)'));
    });

    void it('offers a numbered article with a part ("41-1")', () => {
      assert.deepEqual(complete('Access [@kz-communications-2004, 41‸').labels, ['art. 41-1', 'art. 41-1(1)']);
    });

    void it('offers no pinpoints for a statement or an unknown key', () => {
      assert.deepEqual(complete('Said [@balaeva-2024-04-22, ‸').labels, []);
      assert.deepEqual(complete('Said [@no-such-entry, ‸').labels, []);
    });

    void it('offers nothing after a citation is closed', () => {
      assert.deepEqual(complete('Done [@kz-online-platforms-2023, art. 9(1)], then ‸').labels, []);
    });
  });
});
