/**
 * Which sentences state a checkable fact. A claim is a sentence with a figure, a percentage, a
 * date of an event, attributed speech or a quotation, a legal obligation, an "according to", or a
 * superlative or ranking. Each reason is kept, so the finding can say why it fired.
 */

import { messages } from '../diagnosticMessages.js';
import type { Lang } from '../types.js';

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

// Numbers written as words before a scale word: "some four million videos", "две тысячи", "төрт миллион".
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of|several|a few|half a|' +
  'один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать|сорок|пятьдесят|сто|несколько|' +
  'бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|жүз|бірнеше';
const SCALE_WORDS = 'million|billion|thousand|миллион\\p{L}*|миллиард\\p{L}*|тысяч\\p{L}*|мың\\p{L}*';

const PATTERNS: readonly [ClaimReason, RegExp][] = [
  ['percentage', /\d+(?:[.,]\d+)?\s?(?:%|per\s?cent\b|percent\b|процент\p{L}*|пайыз\p{L}*)/iu],
  // "мыңнан астам" keeps its case ending, so scale words may be inflected.
  ['figure', /\d+(?:[.,]\d+)?\s?(?:million|billion|thousand|trillion|млн\.?|миллион\p{L}*|млрд\.?|миллиард\p{L}*|тыс\.?|тысяч\p{L}*|мың\p{L}*)(?![\p{L}])/iu],
  ['figure', new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORDS})\\s+(?:${SCALE_WORDS})(?![\\p{L}])`, 'iu')],
  // Numbers of articles, paragraphs and laws ("Article 20", "п. 4", "№ 18") are skipped in checkClaim.
  ['figure', /(?<![\p{L}\p{N}.,\-/№#])(?:\d{1,3}(?:[,\s\u00a0\u202f]\d{3})+|\d{2,}(?:[.,]\d+)?|\d[.,]\d+)(?![\p{L}\-/]|\d)(?!\s?(?:года?|году|жыл\p{L}*|year))/giu],
  // Shares said in words: "half of the users", "половина пользователей", "жартысына жуығы".
  ['figure', /(?<![\p{L}])(?:half of|a third of|a quarter of|two thirds of|three quarters of|(?:one|two|three|four|nine) (?:in|out of) (?:two|three|four|five|ten)|половин[аыеу]|треть|четверть|кажд\p{L}+ (?:втор|трет|четв[её]рт|пят|десят)\p{L}*|жартыс\p{L}*|әр (?:екінші|үшінші|төртінші|бесінші|оныншы))(?![\p{L}])/iu],
  // NOTE: `\b` knows only ASCII letters even with the `u` flag, so word edges next to Cyrillic
  // words are written as look-arounds on \p{L}.
  ['date', new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,2}\\s+(?:${MONTHS})(?![\\p{L}])|(?<![\\p{L}])(?:${MONTHS})\\s+\\d{1,2}(?![\\p{N}])|(?<![\\p{L}])(?:in|since|by|on|until|from|в|с|до|к)\\s+(?:(?:${MONTHS})\\s+)?(?:19|20)\\d{2}(?![\\p{N}])|(?:19|20)\\d{2}\\s?(?:года?|году|г\\.|жылы|жылғы|жылдың)`, 'iu')],
  [
    'obligation',
    /\b(?:must|shall|obliged|obliges|oblige|is required to|are required to|required to|has to|have to|is prohibited|are prohibited|is banned|bans|prohibits|requires|(?:is|are) not (?:allowed|entitled|permitted) to|imposes (?:a |the )?(?:duty|duties|obligation|obligations|requirement)s?)\b|обязан\p{L}*|обязыва\p{L}*|обязует|должн(?:ы|а|о)?(?![\p{L}])|запрещ\p{L}*|не вправе|не допуска\p{L}*|міндетті|міндеттейді|міндеттеледі|тиіс|тыйым сал\p{L}*|құқылы емес|жол берілмейді/iu,
  ],
  [
    'attribution',
    // Verbs of speech with a speaker: "said", "urged", "warned", "proposed blocking", "призвал",
    // "предложил", "ұсынды", "деді"; and "according to" in its three languages.
    /\b(?:according to|said|says|stated|states|reported|reports|announced|claimed|argued|noted|told|estimated|urged|warned|insisted|promised|denied|confirmed|admitted|acknowledged|explained|replied|responded|wrote|complained|critici[sz]ed|called (?:for|on)|pointed out|asked (?:\w+ ){0,3}?(?:for|that|to|whether)|proposed (?:that|to|\w+ing)|suggested that|added that)\b|по данным|по словам|по информации|по мнению|по оценк\p{L}*|по сведениям|как (?:сообщ|пиш)\p{L}*|согласно|заявил\p{L}*|сообщил\p{L}*|отметил\p{L}*|сказал\p{L}*|призвал\p{L}*|предложил\p{L}*|потребовал\p{L}*|попросил\p{L}*|пообещал\p{L}*|предупредил\p{L}*|подчеркнул\p{L}*|пояснил\p{L}*|признал\p{L}*|ответил\p{L}*|написал\p{L}*|добавил\p{L}*|указал(?:[аи]?|о)(?![\p{L}])|деректері бойынша|деректеріне сәйкес|мәліметінше|мәліметі бойынша|мәлімдеді|айтты|деді|атап өтті|атап көрсетті|хабарлады|ұсынды|сұрады|өтінді|талап етті|ескертті|жазды|сөзінше|айтуынша|пікірінше|түсіндірді|уәде берді|жауап берді/iu,
  ],
  ['quotation', /[«“„"][^«»“”„"]{12,}[»”"]/u],
  [
    'superlative',
    // "first" and "only" rank only with what they rank ("the first country to", "the only
    // platform"); "The first option is …" or "only one of the tools" rank nothing.
    /\b(?:largest|biggest|highest|lowest|most (?:popular|downloaded|used|visited|widely used)|fastest|ranks?|ranked|top(?:-| )(?:\d+|three|five|ten)|the only|(?:the|a) leading|for the first time|(?:is|was) the first (?:\w+ ){0,4}?to|the first (?:country|state|platform|law|jurisdiction|company|app|regulator) to|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)) (?:place|largest|biggest|highest|in the world|worldwide|globally|in the region))\b|крупнейш\p{L}*|самы[йхм]\p{L}*|сам(?:ая|ое|ую|ого|ой|ом)\s+\p{L}+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ую|юю|ых|их|ым|им)(?![\p{L}])|наибольш\p{L}*|наименьш\p{L}*|(?<![\p{L}])(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\p{L}* мест\p{L}*|(?<!\d)\d+-(?:е|м|ое|ом) мест\p{L}*|лидер\p{L}*|ең\s+\p{L}+|(?<![\p{L}])\p{L}+(?:ыншы|інші|ншы|нші)\s+орын\p{L}*|(?<!\d)\d+-орын\p{L}*/iu,
  ],
];

// Phrases that only look like a reason ("That said", "As noted above", "Ең алдымен" = "first of
// all"): blanked out before the patterns run.
const DISCOURSE =
  /\b(?:that said|the said|as (?:noted|mentioned|stated|said|explained|discussed|shown|argued) (?:above|below|earlier|before)|first of all|in the first place)\b|(?<![\p{L}])(?:как (?:отмечалось|говорилось|сказано|указано) (?:выше|ранее)|жоғарыда (?:атап өткендей|айтылғандай)|ең (?:алдымен|бастысы|болмағанда|кемі|кемінде))(?![\p{L}])/giu;
// Numbers that name an article, paragraph or law rather than count anything.
const LOCATOR_BEFORE = /(?:\b(?:article|arts?\.|section|paragraph|para\.|chapter|No\.?)|статья|статьи|статье|статью|ст\.|пункт\p{L}*|п\.|часть|части|глава|№)\s*$/iu;

// Sentences that give a view or advice rather than state a fact are not claims on their own.
const OPINION =
  /^\s*(?:we|I)\s+(?:recommend|suggest|propose|believe|think)\b|^\s*(?:recommendation|рекомендац\p{L}*|ұсыныс)\s*:|^\s*(?:предлагаем|рекомендуем|считаем|ұсынамыз)(?![\p{L}])|\b(?:in our (?:view|opinion|assessment)|we (?:recommend|suggest|propose|believe|think|consider))\b|(?<![\p{L}])(?:по нашему мнению|на наш взгляд|по нашей оценке|мы (?:рекомендуем|предлагаем|считаем|полагаем)|біздің (?:ойымызша|пікірімізше|бағалауымызша)|ұсынамыз|деп санаймыз|деп ойлаймыз|деп есептейміз)(?![\p{L}])/iu;
// A question asks; it states nothing, even with a figure in it.
const QUESTION = /\?[\s»”"')\]]*$/u;
// Contact lines, bare URLs and e-mail addresses carry numbers that are not figures.
// NOTE: the address is matched without nested `\S+` runs, which backtrack for minutes on a long run of `@`.
const CONTACT = /^\s*(?:tel|phone|fax|e-?mail|тел|телефон|contact|контакт\p{L}*|байланыс\s*:)(?![\p{L}])|https?:\/\/|www\.|[^\s@]@[^\s@]+\.[^\s@]/iu;

/**
 * Checks one sentence. `text` must have citations and other non-prose already blanked out, so
 * that "art. 9" or a key never counts as a figure. Opinions, recommendations, questions and
 * contact lines state no fact; discourse phrases ("That said", "Ең алдымен") give no reason.
 */
export function checkClaim(text: string): ClaimCheck {
  if (OPINION.test(text) || CONTACT.test(text) || QUESTION.test(text)) return { reasons: [], evidence: [] };
  const prose = text.replace(DISCOURSE, (m) => ' '.repeat(m.length));
  const reasons: ClaimReason[] = [];
  const evidence: string[] = [];
  for (const [reason, re] of PATTERNS) {
    if (reasons.includes(reason)) continue;
    if (reason === 'figure' && reasons.includes('percentage')) continue;
    const m = firstMatch(reason, re, prose);
    if (!m) continue;
    reasons.push(reason);
    evidence.push(m.trim().replace(/\s+/g, ' '));
  }
  // "In 2023 …" is a dated event even without a month.
  if (!reasons.includes('date')) {
    const year = /(?<![\p{L}\p{N}№.-])(?:19|20)\d{2}(?![\p{N}])/u.exec(prose);
    if (year && reasons.length > 0) {
      reasons.push('date');
      evidence.push(year[0]);
    }
  }
  return { reasons, evidence };
}

/** The first match of a pattern that counts: a bare number is no figure when it is a year or names an article or a law. */
function firstMatch(reason: ClaimReason, re: RegExp, text: string): string | undefined {
  if (!re.global) return re.exec(text)?.[0];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A four-digit year alone is a date, not a figure.
    if (reason === 'figure' && /^(?:19|20)\d{2}$/.test(m[0].trim())) continue;
    if (reason === 'figure' && LOCATOR_BEFORE.test(text.slice(0, m.index))) continue;
    return m[0];
  }
  return undefined;
}

/** "This sentence states a figure (14.1 million) … but carries no citation that resolves." */
export function describeClaim(check: ClaimCheck, locale?: Lang): string {
  const t = messages(locale);
  return t.unsourced(check.reasons.slice(0, 2).map((r, i) => `${t.reason(r)} (${truncate(check.evidence[i] ?? '')})`));
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
