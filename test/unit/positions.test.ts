import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, snapOffset } from '../../server/src/engine/text.js';
import { md, plain, unitEngine } from '../helpers/engine.js';

const isLowSurrogate = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  const p = text.charCodeAt(i - 1);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
};

void describe('UTF-16 positions', () => {
  void describe('LineIndex', () => {
    void it('counts columns in UTF-16 code units, as LSP does (an emoji is two)', () => {
      const text = '😀 x\nsecond';
      const li = new LineIndex(text);
      assert.deepEqual(li.positionAt(text.indexOf('x')), { line: 0, character: 3 });
      assert.deepEqual(li.lineCol(text.indexOf('x')), { line: 1, column: 4 });
    });

    void it('treats CRLF, LF and a lone CR each as one line break', () => {
      const text = 'a\r\nb\nc\rd';
      const li = new LineIndex(text);
      assert.equal(li.lineCount, 4);
      assert.deepEqual(['a', 'b', 'c', 'd'].map((ch) => li.positionAt(text.indexOf(ch))), [
        { line: 0, character: 0 },
        { line: 1, character: 0 },
        { line: 2, character: 0 },
        { line: 3, character: 0 },
      ]);
    });

    void it('finds the same lines in a text with LF only as in the same text with CRLF', () => {
      const lf = 'first\n\nЗакон «Об онлайн‑платформах»\n👩‍👩‍👧 end\n';
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = new LineIndex(lf);
      const b = new LineIndex(crlf);
      assert.equal(a.lineCount, 5);
      assert.equal(b.lineCount, 5);
      for (let line = 0; line < 5; line++) assert.deepEqual(a.positionAt(a.offsetAt({ line, character: 2 })), b.positionAt(b.offsetAt({ line, character: 2 })), `line ${line}`);
      for (let o = 0; o <= lf.length; o++) assert.equal(a.offsetAt(a.positionAt(o)), o, `offset ${o}`);
    });

    void it('round-trips every offset through a position, with astral characters, combining marks and CRLF', () => {
      const text = 'Café\u0301 𝒳 🇰🇿\r\nЗакон «Об онлайн‑платформах»\r\n\r\n👩‍👩‍👧 end\n';
      const li = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        // an offset between \r and \n is not a position of its own
        if (text[o - 1] === '\r' && text[o] === '\n') continue;
        assert.equal(li.offsetAt(li.positionAt(o)), o, `offset ${o}`);
      }
    });

    void it('clamps positions past a line\'s end to the end of that line, before its line break', () => {
      const text = 'ab\r\ncd';
      const li = new LineIndex(text);
      assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
      assert.equal(li.offsetAt({ line: 9, character: 0 }), text.length);
      assert.deepEqual(li.positionAt(999), li.positionAt(text.length));
    });

    void it('snapOffset never leaves an offset between the halves of a surrogate pair', () => {
      const text = 'a😀b';
      assert.equal(snapOffset(text, 2), 1);
      assert.equal(snapOffset(text, 1), 1);
      assert.equal(snapOffset(text, 3), 3);
    });
  });

  void describe('findings in text with astral characters and combining marks', () => {
    const text = '😀😀 Café\u0301 𝒳: platforms must comply [@𝒳-no-such-key].\r\n\r\nThe platform removed\r\n4 million videos 🇰🇿 [@nоpe].\r\n';

    void it('never splits a surrogate pair with a span', () => {
      const diags = unitEngine().diagnostics(md(text), { rules: {} });
      assert.ok(diags.length >= 3);
      for (const d of diags) {
        assert.ok(!isLowSurrogate(text, d.span.start), `start of ${d.rule}`);
        assert.ok(!isLowSurrogate(text, d.span.end), `end of ${d.rule}`);
      }
    });

    void it('reports an unknown key that starts with an astral letter, whole', () => {
      const d = unitEngine()
        .diagnostics(md(text), { rules: {} })
        .find((x) => x.rule === 'unknown-citation');
      assert.equal(text.slice(d!.span.start, d!.span.end), '𝒳-no-such-key');
      assert.deepEqual(new LineIndex(text).lineCol(d!.span.start), { line: 1, column: 40 });
    });

    void it('keeps the same findings in a plain-text memo with CRLF line ends', () => {
      const rules = unitEngine()
        .diagnostics(plain(text), { rules: {} })
        .map((d) => d.rule);
      assert.deepEqual(rules, ['unsourced-claim', 'unknown-citation', 'unsourced-claim', 'unknown-citation']);
    });
  });
});
