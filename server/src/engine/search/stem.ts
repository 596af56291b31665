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
// words, so stems are remembered, one map per mode (each emptied when it grows past its bound).
const CACHE_LIMIT = 100_000;
const caches: Record<StemMode, Map<string, string>> = { auto: new Map(), kk: new Map() };

/** The stem of one lower-cased word, chosen by its script (and, for Cyrillic, by `mode`). */
export function stem(word: string, mode: StemMode = 'auto'): string {
  const cache = caches[mode];
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  // Copies: a word read from a corpus file can be a view into the file's whole text, which the
  // cache (and the name index that keeps stems) would then keep in memory for every file.
  const s = ownString(computeStem(word, mode));
  cache.set(ownString(word), s);
  return s;
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
 * Splits text into words (hyphenated parts are words of their own) with stems: the words of
 * `/[\p{L}\p{N}]+/gu`, found a character at a time.
 */
export function tokenize(text: string, base = 0, mode: StemMode = 'auto'): Token[] {
  const out: Token[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? text.codePointAt(i)! : -1;
    if (cp >= 0 && isWordChar(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = text.slice(start, i);
      out.push({ start: base + start, end: base + i, text: word, stem: stem(word, mode) });
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}
