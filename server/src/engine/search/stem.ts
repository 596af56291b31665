/**
 * Word stems for matching names across inflection: Snowball's Russian and English stemmers
 * (snowball-stemmers), and for Kazakh, which Snowball does not cover, the common case, plural and
 * possessive endings stripped from the right.
 *
 * Many Kazakh words have no letter that Russian lacks ("Конституциясы", "Байланыс", "деректер"),
 * so a word alone cannot say which stemmer it needs. Two modes answer that: `auto` picks by the
 * word's own letters (Kazakh letters → Kazakh endings, other Cyrillic → Russian then Kazakh
 * endings), `kk` reads every Cyrillic word as Kazakh. The name matcher stems names and text both
 * ways, so "ҚР Конституциясының" meets the alias "ҚР Конституциясы".
 */
import * as snowball from 'snowball-stemmers';
import { isWordChar, ownString } from '../text.js';
import { WordNumbers } from './wordNumbers.js';

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

const KAZAKH_LETTERS = /[әғқңөұүһі]/;
// Kazakh endings, longest first: case endings (-ның, -ға, -да, -дан, -мен …), plural (-лар/-лер …),
// possessive (-ы/-і, -сы/-сі) and their combinations.
const KAZAKH_SUFFIXES = [
  'ларының', 'лерінің', 'дарының', 'дерінің', 'тарының', 'терінің',
  'ларына', 'леріне', 'ларында', 'лерінде', 'ларымен', 'лерімен',
  'лары', 'лері', 'дары', 'дері', 'тары', 'тері',
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
  'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі',
  'нан', 'нен', 'дан', 'ден', 'тан', 'тен',
  'мен', 'бен', 'пен',
  'лар', 'лер', 'дар', 'дер', 'тар', 'тер',
  'ға', 'ге', 'қа', 'ке', 'на', 'не', 'да', 'де', 'та', 'те',
  'ны', 'ні', 'ды', 'ді', 'ты', 'ті',
  'сы', 'сі', 'ын', 'ін',
  'а', 'е', 'ы', 'і',
];

function kazakhStem(word: string): string {
  let w = word;
  for (let round = 0; round < 3; round++) {
    const suffix = KAZAKH_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 3);
    if (!suffix) break;
    w = w.slice(0, w.length - suffix.length);
  }
  return w;
}

/** How Cyrillic words are stemmed: by their own letters (`auto`), or all as Kazakh (`kk`). */
export type StemMode = 'auto' | 'kk';

// Snowball costs about 10 µs a word and a corpus of 100,000 laws repeats the same few thousand
// words, so stems are remembered, one table per mode (each emptied when it grows past its bound).
// The tables find a word where it is in its text, so a word met again is not sliced out of it.
const CACHE_LIMIT = 100_000;

class StemCache {
  private readonly words = new WordNumbers(1 << 18);
  private stems: string[] = [];
  constructor(private readonly mode: StemMode) {}

  stemOf(text: string, from: number, to: number): string {
    const known = this.words.find(text, from, to);
    if (known >= 0) return this.stems[known]!;
    if (this.words.size >= CACHE_LIMIT) {
      this.words.clear();
      this.stems = [];
    }
    const word = text.slice(from, to);
    // A copy: the stem can be a view into the word, and the word into a corpus file's whole text.
    const s = ownString(computeStem(word, this.mode));
    this.words.of(text, from, to);
    this.stems.push(s);
    return s;
  }
}

const caches: Record<StemMode, StemCache> = { auto: new StemCache('auto'), kk: new StemCache('kk') };

/** The stem of one lower-cased word, chosen by its script (and, for Cyrillic, by `mode`). */
export function stem(word: string, mode: StemMode = 'auto'): string {
  return caches[mode].stemOf(word, 0, word.length);
}

/** The stem of the word `text[from…to − 1]` (as `stem` gives it), without slicing a word met before out of its text. */
export function stemIn(text: string, from: number, to: number, mode: StemMode = 'auto'): string {
  return caches[mode].stemOf(text, from, to);
}

function computeStem(word: string, mode: StemMode): string {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  if (/^\d/.test(w)) return w;
  if (/[\u0400-\u04ff]/.test(w)) {
    // Kazakh words are told by their letters; shared Cyrillic words take the Russian stemmer,
    // then Kazakh endings (so "заңға" and "законом" both find their stems).
    return mode === 'kk' || KAZAKH_LETTERS.test(w) ? kazakhStem(w) : kazakhStem(russian.stem(w));
  }
  if (/^[a-z]+$/.test(w)) return english.stem(w);
  return w;
}

/** A word of a text, with its span and stem. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly stem: string;
}

/**
 * The words of `text` (hyphenated parts are words of their own), as their starts and ends in
 * pairs, into `out` (emptied first): the words of `/[\p{L}\p{N}]+/gu`, found a character at a time.
 */
export function wordBounds(text: string, out: number[] = []): number[] {
  out.length = 0;
  let start = -1;
  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? text.codePointAt(i)! : -1;
    if (cp >= 0 && isWordChar(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(start, i);
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** Splits text into words (as `wordBounds` does) with their spans and stems. */
export function tokenize(text: string, base = 0, mode: StemMode = 'auto'): Token[] {
  const b = wordBounds(text);
  const out = new Array<Token>(b.length >> 1);
  for (let k = 0; k < b.length; k += 2) out[k >> 1] = { start: base + b[k]!, end: base + b[k + 1]!, text: text.slice(b[k], b[k + 1]), stem: stemIn(text, b[k]!, b[k + 1]!, mode) };
  return out;
}
