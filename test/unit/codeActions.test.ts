import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeActionData } from '../../server/src/engine/index.js';
import { applyEdits, DEFAULTS, md, plain, rulesOf, unitEngine } from '../helpers/engine.js';
import type { DocumentSnapshot } from '../../server/src/engine/index.js';
import { suggestSources } from '../../server/src/engine/search/retrieve.js';

/** The quick fixes offered for the whole memo. */
function actions(doc: DocumentSnapshot): CodeActionData[] {
  return unitEngine().codeActions(doc, { start: 0, end: doc.text.length }, DEFAULTS);
}

void describe('quick fixes', () => {
  void describe('for an unsourced claim', () => {
    const text = 'TikTok removed more than 4 million videos in Kazakhstan.\n';

    void it('offers to cite the best-matching source first, inserting [@…] before the final period', () => {
      const cite = actions(md(text)).filter((a) => a.fixes.rule === 'unsourced-claim' && a.title.startsWith('Cite'));
      assert.ok(cite.length > 0);
      assert.equal(cite[0]!.title, 'Cite [@tiktok-kazinform-2024-04]');
      assert.equal(cite[0]!.isPreferred, true);
      assert.equal(applyEdits(text, cite[0]!.edits), 'TikTok removed more than 4 million videos in Kazakhstan [@tiktok-kazinform-2024-04].\n');
    });

    void it('makes the warning go away once applied', () => {
      const [cite] = actions(md(text)).filter((a) => a.fixes.rule === 'unsourced-claim' && a.title.startsWith('Cite'));
      assert.ok(cite);
      assert.deepEqual(rulesOf(unitEngine(), md(applyEdits(text, cite.edits))), []);
    });

    void it('offers an article of a law when the sentence matches its duties', () => {
      const t = 'Platforms with many daily users must appoint a legal representative.';
      const titles = actions(md(t)).map((a) => a.title);
      assert.ok(titles.includes('Cite [@kz-online-platforms-2023, art. 9]'), titles.join('; '));
    });

    void it('inserts the citation inside a table cell, not after the closing pipe', () => {
      const t = '| Measure | Threshold |\n|---|---|\n| Representative | 100,000 daily users must appoint one |\n';
      const [cite] = actions(md(t)).filter((a) => a.title.startsWith('Cite'));
      assert.ok(cite);
      const fixed = applyEdits(t, cite.edits);
      assert.match(fixed, /\| 100,000 daily users must appoint one \[@[^\]]+\] \|\n$/);
      assert.deepEqual(rulesOf(unitEngine(), md(fixed)), []);
    });
  });

  void describe('for an unknown key', () => {
    void it('offers to replace it with the closest key, and that fixes it', () => {
      const t = 'See [@kz-onlne-platforms-2023].';
      const replace = actions(md(t)).filter((a) => a.fixes.rule === 'unknown-citation' && a.title.startsWith('Replace'));
      assert.equal(replace[0]?.title, 'Replace with @kz-online-platforms-2023');
      assert.equal(replace[0].isPreferred, true);
      const fixed = applyEdits(t, replace[0].edits);
      assert.equal(fixed, 'See [@kz-online-platforms-2023].');
      assert.deepEqual(rulesOf(unitEngine(), md(fixed)), []);
    });
  });

  void describe('suppress with a comment', () => {
    void it('inserts a disable-next-line comment above the line, with the line\'s indent, and that silences it', () => {
      const t = 'Intro.\n\n  Platforms must appoint a representative.\n';
      const suppress = actions(md(t)).find((a) => a.title === 'Suppress unsourced-claim on this line');
      assert.ok(suppress);
      const fixed = applyEdits(t, suppress.edits);
      assert.equal(fixed, 'Intro.\n\n  <!-- lexlens-disable-next-line unsourced-claim -- reason -->\n  Platforms must appoint a representative.\n');
      assert.deepEqual(rulesOf(unitEngine(), md(fixed)), []);
    });

    void it('uses a # comment in plain text and keeps CRLF line ends', () => {
      const t = 'Intro.\r\n\r\nPlatforms must appoint a representative.\r\n';
      const suppress = actions(plain(t)).find((a) => a.title === 'Suppress unsourced-claim on this line');
      assert.ok(suppress);
      const fixed = applyEdits(t, suppress.edits);
      assert.equal(fixed, 'Intro.\r\n\r\n# lexlens-disable-next-line unsourced-claim -- reason\r\nPlatforms must appoint a representative.\r\n');
      assert.deepEqual(rulesOf(unitEngine(), plain(fixed)), []);
    });

    void it('offers only fixes for findings in the selected range', () => {
      const t = 'Platforms must comply.\n\nPlain words here.\n';
      const start = t.indexOf('Plain');
      assert.deepEqual(unitEngine().codeActions(md(t), { start, end: start + 5 }, DEFAULTS), []);
    });
  });
});

void describe('sources suggested in a large corpus', () => {
  // A corpus over FULL_SCAN entries is scored over the entries that share words with the sentence
  // in their names or speaker; the unit corpus is scored that way by setting the bound to 0.
  const sentences = [
    'TikTok removed more than 4 million videos in Kazakhstan.',
    'Platforms with many daily users must appoint a legal representative.',
  ];

  void it('finds the same best source as scoring every entry', () => {
    const index = unitEngine().index;
    for (const s of sentences) {
      const whole = suggestSources(s, index, 3);
      const candidates = suggestSources(s, index, 3, 0);
      assert.ok(whole.length > 0, s);
      assert.deepEqual(
        candidates.slice(0, 1).map((x) => [x.entry.id, x.article]),
        whole.slice(0, 1).map((x) => [x.entry.id, x.article]),
        s,
      );
    }
  });
});
