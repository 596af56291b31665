/**
 * Which sentences state a checkable fact. A claim is a sentence with a figure, a percentage, a
 * date of an event, attributed speech or a quotation, a legal obligation, an "according to", or a
 * superlative or ranking. Each reason is kept, so the finding can say why it fired.
 */

export type ClaimReason = 'figure' | 'percentage' | 'date' | 'obligation' | 'attribution' | 'quotation' | 'superlative';

export interface ClaimCheck {
  readonly reasons: readonly ClaimReason[];
  /** The words that made each reason, for the message ("a figure (14.1 million)"). */
  readonly evidence: readonly string[];
}

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре|' +
  'қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан';

const PATTERNS: readonly [ClaimReason, RegExp][] = [
  ['percentage', /\d+(?:[.,]\d+)?\s?(?:%|per\s?cent\b|percent\b|процент\p{L}*|пайыз\p{L}*)/iu],
  ['figure', /\d+(?:[.,]\d+)?\s?(?:million|billion|thousand|trillion|млн\.?|миллион\p{L}*|млрд\.?|миллиард\p{L}*|тыс\.?|тысяч\p{L}*|мың)(?![\p{L}])/iu],
  ['figure', /(?<![\p{L}\p{N}.,\-/№#])(?:\d{1,3}(?:[,\s\u00a0\u202f]\d{3})+|\d{2,}(?:[.,]\d+)?|\d[.,]\d+)(?![\p{L}\-/]|\d)(?!\s?(?:года?|году|жыл\p{L}*|year))/iu],
  ['date', new RegExp(`\\b\\d{1,2}\\s+(?:${MONTHS})\\b|\\b(?:${MONTHS})\\s+\\d{1,2}\\b|\\b(?:in|since|by|on|until|from|в|с|до|к)\\s+(?:${MONTHS}\\s+)?(?:19|20)\\d{2}\\b|(?:19|20)\\d{2}\\s?(?:года?|году|г\\.|жылы|жылғы|жылдың)`, 'iu')],
  ['obligation', /\b(?:must|shall|obliged|obliges|oblige|is required to|are required to|required to|has to|have to|is prohibited|are prohibited|is banned|bans|prohibits|requires)\b|обязан\p{L}*|обязыва\p{L}*|обязует|должн(?:ы|а|о)?\b|запрещ\p{L}*|міндетті|міндеттейді|міндеттеледі|тиіс|тыйым салын\p{L}*/iu],
  ['attribution', /\b(?:according to|said|says|stated|states|reported|reports|announced|claimed|argued|noted|told|estimated)\b|по данным|по словам|по информации|согласно|заявил\p{L}*|сообщил\p{L}*|отметил\p{L}*|сказал\p{L}*|деректері бойынша|деректеріне сәйкес|мәліметінше|мәлімдеді|айтты|атап өтті|хабарлады/iu],
  ['quotation', /[«“„"][^«»“”„"]{12,}[»”"]/u],
  ['superlative', /\b(?:largest|biggest|highest|lowest|most popular|fastest|first|only|leading|ranks?|ranked)\b|крупнейш\p{L}*|самы[йхм]\p{L}*|наибольш\p{L}*|перв\p{L}+ мест\p{L}*|лидер\p{L}*|ең\s+\p{L}+/iu],
];

// Sentences that give a view or advice rather than state a fact are not claims on their own.
const OPINION = /^\s*(?:we|I)\s+(?:recommend|suggest|propose|believe|think)\b|^\s*(?:recommendation|рекомендац\p{L}*|ұсыныс)\s*:|^\s*(?:предлагаем|рекомендуем|считаем|ұсынамыз)\b/iu;
// Contact lines, bare URLs and e-mail addresses carry numbers that are not figures.
const CONTACT = /^\s*(?:tel|phone|fax|e-?mail|тел|телефон|contact|контакт\p{L}*)\b|https?:\/\/|www\.|\S+@\S+\.\S+/iu;

/**
 * Checks one sentence. `text` must have citations and other non-prose already blanked out, so
 * that "art. 9" or a key never counts as a figure.
 */
export function checkClaim(text: string): ClaimCheck {
  if (OPINION.test(text) || CONTACT.test(text)) return { reasons: [], evidence: [] };
  const reasons: ClaimReason[] = [];
  const evidence: string[] = [];
  for (const [reason, re] of PATTERNS) {
    if (reasons.includes(reason)) continue;
    if (reason === 'figure' && reasons.includes('percentage')) continue;
    const m = re.exec(text);
    if (!m) continue;
    // A four-digit year alone is a date, not a figure.
    if (reason === 'figure' && /^(?:19|20)\d{2}$/.test(m[0].trim())) {
      continue;
    }
    reasons.push(reason);
    evidence.push(m[0].trim().replace(/\s+/g, ' '));
  }
  // "In 2023 …" is a dated event even without a month.
  if (!reasons.includes('date')) {
    const year = /(?<![\p{L}\p{N}№.-])(?:19|20)\d{2}(?![\p{N}])/u.exec(text);
    if (year && reasons.length > 0) {
      reasons.push('date');
      evidence.push(year[0]);
    }
  }
  return { reasons, evidence };
}

const REASON_WORDS: Record<ClaimReason, string> = {
  figure: 'a figure',
  percentage: 'a percentage',
  date: 'a date',
  obligation: 'a legal obligation',
  attribution: 'attributed speech',
  quotation: 'a quotation',
  superlative: 'a ranking or superlative',
};

/** "contains a figure (14.1 million) and no citation". */
export function describeClaim(check: ClaimCheck): string {
  const parts = check.reasons.slice(0, 2).map((r, i) => `${REASON_WORDS[r]} (${truncate(check.evidence[i] ?? '')})`);
  return `This sentence states ${parts.join(' and ')} but carries no citation that resolves.`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
