/** The CLI's progress line for a long corpus load (progress.ts), on a terminal and off one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProgress } from '../../server/src/progress.js';

/** A stream that keeps what is written to it, and a clock the test moves. */
function setup(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const p = loadProgress({ isTTY, write: (s: string) => written.push(s) }, () => now);
  return { written, p, at: (ms: number) => (now = ms) };
}

void describe('the corpus load progress line', () => {
  void it('says nothing for a load that ends within a second', () => {
    const { written, p, at } = setup(true);
    at(400);
    p.report({ done: 10, total: 10 });
    p.end();
    assert.deepEqual(written, []);
  });

  void it('counts files, then says the index is built, rewriting one line, and clears it at the end', () => {
    const { written, p, at } = setup(true);
    at(1200);
    p.report({ done: 120, total: 400 });
    at(1250);
    p.report({ done: 130, total: 400 }); // within 100 ms of the last: not written
    at(1400);
    p.report({ done: 200, total: 400 });
    at(1410);
    p.report({ done: 400, total: 400 }); // the last file is always shown
    p.end();
    assert.deepEqual(written, [
      '\rlexlens: reading the corpus, 120 of 400 files\x1b[K',
      '\rlexlens: reading the corpus, 200 of 400 files\x1b[K',
      '\rlexlens: indexing the corpus (400 files)\x1b[K',
      '\r\x1b[K',
    ]);
  });

  void it('writes nothing when stderr is not a terminal', () => {
    const { written, p, at } = setup(false);
    at(5000);
    p.report({ done: 1, total: 2 });
    p.report({ done: 2, total: 2 });
    p.end();
    assert.deepEqual(written, []);
  });
});
