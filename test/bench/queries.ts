/**
 * What is typed after `@`: prefixes of 1 to 40 characters for the latency runs, a labelled set
 * for recall@10 (each query names one expected entry) and bad input (0, 1 and 200 characters,
 * mixed scripts).
 */
import type { EntryInfo } from './corpusGen.js';
import { typo } from './memoGen.js';
import { Rng } from './rng.js';

export interface LabelledQuery {
  readonly query: string;
  readonly expected: string;
  readonly kind: 'id-prefix' | 'title-en' | 'title-ru' | 'title-kk' | 'typo';
}

export interface BadQuery {
  readonly name: string;
  readonly query: string;
}

/** Characters a key may hold after `@` (completion stops at anything else). */
const keyChars = (s: string) => s.replace(/[^\p{L}\p{N}_.:-]+/gu, '-');

/** Typed prefixes, lengths spread evenly over 1..40. */
export function completionPrefixes(pool: readonly EntryInfo[], n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = (i % 40) + 1;
    let source = '';
    for (let tries = 0; tries < 20 && source.length < len; tries++) {
      const e = rng.pick(pool);
      const roll = rng.next();
      source = len > 14 || roll < 0.4 ? e.id : roll < 0.6 ? e.word.en : roll < 0.8 ? e.word.ru : e.word.kk;
      if (source.length < len && len > 14) source = keyChars(`${e.id}-${e.title.en}`);
    }
    out.push(source.slice(0, len));
  }
  // Shuffle so that lengths are not in order.
  return rng.sample(out, out.length);
}

/** For each sampled entry: a prefix of its id, its title word in en/ru/kk, a typo'd English title word. */
export function labelledQueries(pool: readonly EntryInfo[], entries: number, seed: number): LabelledQuery[] {
  const rng = new Rng(seed);
  const out: LabelledQuery[] = [];
  for (const e of rng.sample(pool, entries)) {
    const dash = e.id.indexOf('-');
    const min = Math.min(e.id.length, Math.max(4, dash + 4));
    out.push({ query: e.id.slice(0, rng.int(min, e.id.length)), expected: e.id, kind: 'id-prefix' });
    out.push({ query: e.word.en, expected: e.id, kind: 'title-en' });
    out.push({ query: e.word.ru, expected: e.id, kind: 'title-ru' });
    out.push({ query: e.word.kk, expected: e.id, kind: 'title-kk' });
    out.push({ query: typo(e.word.en, rng), expected: e.id, kind: 'typo' });
  }
  // Interleave kinds so that a time-capped run still samples each kind.
  return rng.sample(out, out.length);
}

/** Bad input, run among the latency requests and checked on its own. */
export function badQueries(pool: readonly EntryInfo[]): BadQuery[] {
  const e = pool[0]!;
  const long = keyChars(`${e.id}-${e.title.en}-${e.title.ru}-${e.title.kk}`.repeat(4)).slice(0, 200);
  return [
    { name: 'empty (0 characters)', query: '' },
    { name: '1 character (Latin)', query: 'k' },
    { name: '1 character (Cyrillic)', query: 'з' },
    { name: '200 characters', query: long },
    { name: 'mixed scripts (Latin + Cyrillic)', query: `${e.word.en.slice(0, 3)}${e.word.ru.slice(3)}` },
    { name: 'mixed scripts (Kazakh + digits + Latin)', query: `${e.word.kk}2024kz` },
  ];
}
