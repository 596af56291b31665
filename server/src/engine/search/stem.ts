/**
 * Word stems for matching names across inflection: Snowball's Russian and English stemmers
 * (snowball-stemmers), and for Kazakh, which Snowball does not cover, the common case, plural and
 * possessive endings stripped from the right.
 */
import * as snowball from 'snowball-stemmers';

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

/** The stem of one lower-cased word, chosen by its script. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  if (/^\d/.test(w)) return w;
  if (/[\u0400-\u04ff]/.test(w)) {
    // Kazakh words are told by their letters; shared Cyrillic words take the Russian stemmer,
    // then Kazakh endings (so "заңға" and "законом" both find their stems).
    return KAZAKH_LETTERS.test(w) ? kazakhStem(w) : kazakhStem(russian.stem(w));
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

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits text into words (hyphenated parts are words of their own) with stems. */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0], stem: stem(m[0]) });
  return out;
}
