/**
 * Figures stated in prose, read as numbers: "4 million", "4,000,000", "4 млн", "4 миллион",
 * "14,1 млн", "more than 4 million", "более 4 млн", "4 миллионнан астам", "12%". Years, dates,
 * law numbers and pinpoints are not figures.
 */
import type { FigureQualifier } from '../corpus/model.js';
import type { Span } from '../types.js';

export interface MemoFigure {
  readonly value: number;
  readonly qualifier: FigureQualifier;
  readonly percent: boolean;
  /** Span in the text given to `findFigures`. */
  readonly span: Span;
  readonly text: string;
}

const BEFORE: readonly [FigureQualifier, RegExp][] = [
  ['more-than', /(?:more than|over|above|in excess of|upwards of|более чем|более|свыше|больше|boлee)\s*$/iu],
  ['less-than', /(?:less than|fewer than|under|below|менее чем|менее|меньше|до)\s*$/iu],
  ['at-least', /(?:at least|no fewer than|не менее|не меньше|кемінде|кем дегенде)\s*$/iu],
  ['about', /(?:about|around|approximately|roughly|nearly|almost|some|около|примерно|почти|порядка|шамамен|шамасы|жуық|жуырық)\s*$/iu],
  ['up-to', /(?:up to|as many as|вплоть до)\s*$/iu],
];
const AFTER: readonly [FigureQualifier, RegExp][] = [
  ['more-than', /^\p{L}*\s*(?:астам|артық|көп)/iu],
  ['about', /^\p{L}*\s*(?:жуық|шамасында)/iu],
];

const SCALE: readonly [number, RegExp][] = [
  [1e9, /^(?:billion|bn|млрд\.?|миллиард\p{L}*)/iu],
  [1e6, /^(?:million|mln|m(?![\p{L}])|млн\.?|миллион\p{L}*)/iu],
  [1e3, /^(?:thousand|тыс\.?|тысяч\p{L}*|мың\p{L}*)/iu],
];
const PERCENT = /^(?:%|per\s?cent|percent|процент\p{L}*|пайыз\p{L}*)/iu;
const MONTH_NEAR = /^\s*(?:january|february|march|april|may|june|july|august|september|october|november|december|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)/iu;
const NUMBER = /(?<![\p{L}\p{N}.,\-/№#§])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])/gu;

/** Reads the number written in `raw` ("4,000,000", "14,1", "4 000 000"). */
export function parseNumber(raw: string): number {
  const compact = raw.replace(/[\u00a0\u202f ]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return Number(compact.replace(/,/g, ''));
  return Number(compact.replace(',', '.'));
}

/** The figures in a text (citations should already be blanked out). */
export function findFigures(text: string): MemoFigure[] {
  const out: MemoFigure[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const raw = m[1]!;
    let value = parseNumber(raw);
    if (!Number.isFinite(value)) continue;
    let end = m.index + m[0].length;
    const after = text.slice(end);
    const ws = /^[\s\u00a0]*/.exec(after)![0];
    let scaled = false;
    for (const [factor, re] of SCALE) {
      const s = re.exec(after.slice(ws.length));
      if (s) {
        value *= factor;
        end += ws.length + s[0].length;
        scaled = true;
        break;
      }
    }
    const pct = !scaled && PERCENT.exec(after.slice(ws.length));
    if (pct) end += ws.length + pct[0].length;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // Not figures: years alone, day numbers of dates, law and article numbers.
    if (!scaled && !pct && /^(?:19|20)\d{2}$/.test(raw)) continue;
    if (!scaled && !pct && (MONTH_NEAR.test(after) || /(?:january|february|march|april|may|june|july|august|september|october|november|december)\s*$/i.test(before))) continue;
    if (/(?:No\.?|№|art\.?|arts\.?|article|ст\.?|п\.?|law|закон\p{L}*)\s*$/iu.test(before)) continue;
    if (/^-?(?:бап|тармақ)/u.test(after) || /^-[IVXLC]+\b/.test(after)) continue;
    let qualifier: FigureQualifier = 'exactly';
    const q = BEFORE.find(([, re]) => re.test(before));
    if (q) qualifier = q[0];
    else {
      const qa = AFTER.find(([, re]) => re.test(text.slice(end).trimStart()));
      if (qa) qualifier = qa[0];
    }
    out.push({ value, qualifier, percent: !!pct, span: { start: m.index, end }, text: text.slice(m.index, end) });
  }
  return out;
}

/** True when a memo figure is consistent with a figure the source states. */
export function figureSupported(memo: MemoFigure, source: { value: number; qualifier: FigureQualifier }): boolean {
  const close = Math.abs(memo.value - source.value) <= Math.max(0.05 * Math.abs(source.value), 0.5);
  if (!close) return false;
  // "less than 4 million" contradicts "more than 4 million" and the other way round.
  const down = (q: FigureQualifier) => q === 'less-than' || q === 'up-to';
  const up = (q: FigureQualifier) => q === 'more-than' || q === 'at-least';
  return !((down(memo.qualifier) && up(source.qualifier)) || (up(memo.qualifier) && down(source.qualifier)));
}

/** "more than 4 million" — how a figure reads in a message. */
export function describeFigure(value: number, qualifier: FigureQualifier, unit = ''): string {
  const q = { exactly: '', 'more-than': 'more than ', 'less-than': 'less than ', about: 'about ', 'up-to': 'up to ', 'at-least': 'at least ' }[qualifier];
  const n = value >= 1e9 && value % 1e7 === 0 ? `${value / 1e9} billion` : value >= 1e6 && value % 1e4 === 0 ? `${value / 1e6} million` : value.toLocaleString('en-US');
  return `${q}${n}${unit ? ` ${unit}` : ''}`;
}
