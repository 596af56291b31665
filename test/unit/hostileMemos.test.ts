/**
 * Hostile memos (SPEC §8): invalid UTF-8, a 10 MB memo on one line, 100,000 citations, deep
 * nesting of lists, quotes, emphasis and brackets, NUL bytes, right-to-left text, astral
 * characters and combining marks with CRLF, unclosed markup. Each is read in bounded time
 * (a generous hang guard, not a performance test), every feature answers without throwing, and
 * each unknown key planted in the memo is reported at its UTF-16 position.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import type { DocumentSnapshot, Span } from '../../server/src/engine/index.js';
import { LineIndex } from '../../server/src/engine/text.js';
import { DEFAULTS, engineOver } from '../helpers/engine.js';
import { HANG_GUARD_MS, hostileMemos, lineCol } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';

const engine = () => engineOver(fixture('hostile', 'corpus'));

/** Runs `fn` and fails when it takes longer than the hang guard. */
function guarded<T>(what: string, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  assert.ok(ms < HANG_GUARD_MS, `${what} finished within ${HANG_GUARD_MS} ms (took ${Math.round(ms)} ms)`);
  return value;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
function assertSpan(text: string, s: Span, what: string): void {
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: ${JSON.stringify(s)} inside the memo`);
  for (const o of [s.start, s.end]) assert.ok(!(o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))), `${what}: ${JSON.stringify(s)} does not split a surrogate pair`);
}

void describe('hostile memos', () => {
  const memos = hostileMemos();

  void it('has every kind of hostile memo the robustness list names', () => {
    const names = memos.map((m) => m.name);
    for (const n of ['invalid-utf8.md', 'ten-megabytes-on-one-line.md', 'hundred-thousand-citations.md', 'deep-nesting.md', 'nul-bytes.md', 'right-to-left.md', 'astral-combining-crlf.md']) {
      assert.ok(names.includes(n), `${n} is among the hostile memos`);
    }
  });

  for (const memo of memos) {
    void it(`reads ${memo.name} in bounded time and reports each planted unknown key at its UTF-16 position`, () => {
      // As the CLI reads a file: invalid bytes become U+FFFD, positions stay UTF-16.
      const text = new TextDecoder('utf-8').decode(memo.bytes);
      const doc: DocumentSnapshot = { text, languageId: memo.name.endsWith('.md') ? 'markdown' : 'plaintext' };
      const diags = guarded(`diagnostics of ${memo.name}`, () => engine().diagnostics(doc, DEFAULTS));
      for (const d of diags) assertSpan(text, d.span, `${d.rule} in ${memo.name}`);
      const lines = new LineIndex(text);
      assert.ok(memo.unknownKeys.length > 0, 'the memo plants an unknown key');
      for (const key of memo.unknownKeys) {
        const at = text.indexOf(`@${key}`) + 1;
        assert.ok(at > 0, `${key} is in the memo`);
        const found = diags.filter((d) => d.rule === 'unknown-citation' && d.span.start === at);
        assert.equal(found.length, 1, `${key} is reported once, at offset ${at}`);
        assert.equal(text.slice(found[0]!.span.start, found[0]!.span.end), key, `the finding covers exactly ${key}`);
        // The line and UTF-16 column, counted independently of the engine's LineIndex.
        assert.deepEqual(lines.lineCol(at), lineCol(text, at), `${key} is at the right line and UTF-16 column`);
      }
    });

    void it(`answers hover, completion, code actions, links, lenses and authorities on ${memo.name} without throwing`, () => {
      const text = new TextDecoder('utf-8').decode(memo.bytes);
      const doc: DocumentSnapshot = { text, languageId: memo.name.endsWith('.md') ? 'markdown' : 'plaintext' };
      const e = engine();
      const firstKey = text.indexOf(`@${memo.unknownKeys[0]!}`) + 1;
      const offsets = [0, 1, Math.floor(text.length / 2), firstKey, firstKey + 3, text.length - 1, text.length];
      guarded(`requests on ${memo.name}`, () => {
        for (const o of offsets) {
          const h = e.hover(doc, o);
          if (h) assertSpan(text, h.span, 'hover');
          for (const c of e.completion(doc, o).items) assertSpan(text, c.replace, 'completion');
          e.definition(doc, o);
          for (const a of e.codeActions(doc, { start: o, end: o }, DEFAULTS)) for (const ed of a.edits) assertSpan(text, ed.span, a.title);
        }
        for (const l of e.documentLinks(doc)) assertSpan(text, l.span, 'link');
        for (const l of e.codeLenses(doc)) assertSpan(text, l.span, 'lens');
        e.authorities(doc);
      });
    });
  }

  void it('reads a memo of 100,000 citations with every one resolved, none reported as unknown', () => {
    const memo = memos.find((m) => m.name === 'hundred-thousand-citations.md')!;
    const text = memo.bytes.toString('utf8');
    const memoRead = guarded('reading 100,000 citations', () => engine().read({ text, languageId: 'markdown' }));
    assert.equal(memoRead.analysis.citations.length, 100_001);
    const unknown = engine()
      .diagnostics({ text, languageId: 'markdown' }, DEFAULTS)
      .filter((d) => d.rule === 'unknown-citation' || d.rule === 'unknown-pinpoint');
    assert.deepEqual(unknown.map((d) => text.slice(d.span.start, d.span.end)), ['no-such-key-after-100000']);
  });
});
