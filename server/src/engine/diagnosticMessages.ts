/**
 * The sentences memo findings are reported in, in English, Russian and Kazakh. Each explains
 * itself in one sentence; keys, ids and quoted text stay as they are in every language.
 */
import type { Lang } from './types.js';

export interface DiagnosticMessages {
  unknownKey(key: string, suggestions: readonly string[]): string;
  noArticle(id: string, article: string, listed: string): string;
  noParagraph(id: string, article: string, paragraph: string, listed: string): string;
  noItem(id: string, article: string, paragraph: string, items: string): string;
  /** `parts` are reason phrases with their evidence, e.g. "a figure (14.1 million)". */
  unsourced(parts: readonly string[]): string;
  reason(reason: 'figure' | 'percentage' | 'date' | 'obligation' | 'attribution' | 'quotation' | 'superlative'): string;
  figureMismatch(said: string, stated: string): string;
  quoteMismatch(id: string, recorded: string): string;
  dateMismatch(date: string, ids: string, count: number, dates: string): string;
  draft(id: string, date: string): string;
  ended(id: string, superseded: boolean, on: string, date: string): string;
  marked(id: string, status: string, note: string | undefined): string;
  notYet(id: string, date: string, start: string): string;
  uncitedLaw(id: string, name: string): string;
  unverified(id: string, note: string | undefined): string;
  unverifiedArticle(id: string, article: string, note: string | undefined): string;
}

const code = (s: string) => `\`${s}\``;
const list = (xs: readonly string[]) => xs.map(code).join(', ');
const tail = (note: string | undefined) => (note ? `: ${note}` : '.');

const en: DiagnosticMessages = {
  unknownKey: (key, s) => `${code(key)} is not a key in the corpus.${s.length ? ` Did you mean ${list(s)}?` : ''}`,
  noArticle: (id, a, listed) => `${code(id)} has no article ${a} in the corpus (it lists art. ${listed}).`,
  noParagraph: (id, a, p, listed) => `Article ${a} of ${code(id)} has no paragraph ${p} in the corpus (it lists ${listed}).`,
  noItem: (id, a, p, items) => `Article ${a}(${p}) of ${code(id)} has no item (${items}) in the corpus.`,
  unsourced: (parts) => `This sentence states ${parts.join(' and ')} but carries no citation that resolves.`,
  reason: (r) => ({ figure: 'a figure', percentage: 'a percentage', date: 'a date', obligation: 'a legal obligation', attribution: 'attributed speech', quotation: 'a quotation', superlative: 'a ranking or superlative' })[r],
  figureMismatch: (said, stated) => `The sentence says ${said}, but the cited source states ${stated}.`,
  quoteMismatch: (id, q) => `The quoted words do not match the quote recorded for ${code(id)} («${q}»).`,
  dateMismatch: (d, ids, n, dates) => `The sentence dates this ${d}, but ${ids} ${n > 1 ? 'give' : 'gives'} ${dates}.`,
  draft: (id, d) => `${code(id)} is only a draft; it was not law in force on ${d}.`,
  ended: (id, sup, on, d) => `${code(id)} was ${sup ? 'superseded' : 'repealed'} on ${on}, before this memo's date (${d}).`,
  marked: (id, st, note) => `${code(id)} is marked ${st} in the corpus${note ? ` (${note})` : '.'}`,
  notYet: (id, d, start) => `${code(id)} was not yet in force on ${d} (it took effect on ${start}).`,
  uncitedLaw: (id, name) => `This names ${code(id)} (${name}) but the paragraph does not cite it.`,
  unverified: (id, note) => `${code(id)} is marked unverified in the corpus${tail(note)}`,
  unverifiedArticle: (id, a, note) => `Article ${a} of ${code(id)} is marked unverified in the corpus${tail(note)}`,
};

const ru: DiagnosticMessages = {
  unknownKey: (key, s) => `Ключа ${code(key)} нет в корпусе.${s.length ? ` Возможно, имелось в виду ${list(s)}?` : ''}`,
  noArticle: (id, a, listed) => `В записи ${code(id)} нет статьи ${a} (в корпусе есть ст. ${listed}).`,
  noParagraph: (id, a, p, listed) => `В статье ${a} записи ${code(id)} нет пункта ${p} (в корпусе есть ${listed}).`,
  noItem: (id, a, p, items) => `В пункте ${p} статьи ${a} записи ${code(id)} нет подпункта (${items}).`,
  unsourced: (parts) => `В предложении есть ${parts.join(' и ')}, но нет ссылки на источник из корпуса.`,
  reason: (r) => ({ figure: 'цифра', percentage: 'процент', date: 'дата', obligation: 'юридическая обязанность', attribution: 'чужие слова', quotation: 'цитата', superlative: 'рейтинг или превосходная степень' })[r],
  figureMismatch: (said, stated) => `В предложении указано ${said}, а в источнике — ${stated}.`,
  quoteMismatch: (id, q) => `Слова в кавычках не совпадают с цитатой, записанной для ${code(id)} («${q}»).`,
  dateMismatch: (d, ids, _n, dates) => `В предложении дата ${d}, а у ${ids} — ${dates}.`,
  draft: (id, d) => `${code(id)} — лишь проект; на ${d} он не был действующим законом.`,
  ended: (id, sup, on, d) => `${code(id)} ${sup ? 'заменён' : 'утратил силу'} ${on}, раньше даты записки (${d}).`,
  marked: (id, st, note) => `${code(id)} отмечен в корпусе как ${st}${note ? ` (${note})` : '.'}`,
  notYet: (id, d, start) => `На ${d} ${code(id)} ещё не вступил в силу (вступил ${start}).`,
  uncitedLaw: (id, name) => `Здесь назван ${code(id)} (${name}), но в абзаце нет ссылки на него.`,
  unverified: (id, note) => `${code(id)} отмечен в корпусе как непроверенный${tail(note)}`,
  unverifiedArticle: (id, a, note) => `Статья ${a} записи ${code(id)} отмечена в корпусе как непроверенная${tail(note)}`,
};

const kk: DiagnosticMessages = {
  unknownKey: (key, s) => `${code(key)} кілті корпуста жоқ.${s.length ? ` Мүмкін, ${list(s)} болар?` : ''}`,
  noArticle: (id, a, listed) => `${code(id)} жазбасында ${a}-бап жоқ (корпуста: ${listed}-баптар).`,
  noParagraph: (id, a, p, listed) => `${code(id)} жазбасының ${a}-бабында ${p}-тармақ жоқ (корпуста: ${listed}).`,
  noItem: (id, a, p, items) => `${code(id)} жазбасының ${a}-бабының ${p}-тармағында (${items}) тармақша жоқ.`,
  unsourced: (parts) => `Сөйлемде ${parts.join(' және ')} бар, бірақ корпустағы дереккөзге сілтеме жоқ.`,
  reason: (r) => ({ figure: 'сан', percentage: 'пайыз', date: 'күн', obligation: 'заңдық міндет', attribution: 'біреудің сөзі', quotation: 'дәйексөз', superlative: 'рейтинг не асырмалы шырай' })[r],
  figureMismatch: (said, stated) => `Сөйлемде ${said} делінген, ал дереккөзде — ${stated}.`,
  quoteMismatch: (id, q) => `Тырнақшадағы сөздер ${code(id)} үшін жазылған дәйексөзбен сәйкес емес («${q}»).`,
  dateMismatch: (d, ids, _n, dates) => `Сөйлемдегі күн ${d}, ал ${ids} бойынша — ${dates}.`,
  draft: (id, d) => `${code(id)} — тек жоба; ${d} күні ол қолданыстағы заң болған жоқ.`,
  ended: (id, sup, on, d) => `${code(id)} ${on} күні ${sup ? 'ауыстырылды' : 'күшін жойды'}, бұл жазба күнінен (${d}) бұрын.`,
  marked: (id, st, note) => `${code(id)} корпуста ${st} деп белгіленген${note ? ` (${note})` : '.'}`,
  notYet: (id, d, start) => `${d} күні ${code(id)} әлі күшіне енбеген еді (${start} күні енді).`,
  uncitedLaw: (id, name) => `Мұнда ${code(id)} (${name}) аталады, бірақ абзацта оған сілтеме жоқ.`,
  unverified: (id, note) => `${code(id)} корпуста тексерілмеген деп белгіленген${tail(note)}`,
  unverifiedArticle: (id, a, note) => `${code(id)} жазбасының ${a}-бабы корпуста тексерілмеген деп белгіленген${tail(note)}`,
};

const TABLE: Record<Lang, DiagnosticMessages> = { en, ru, kk };

/** The messages for a UI language (English when none is set). */
export function messages(locale: Lang | undefined): DiagnosticMessages {
  return TABLE[locale ?? 'en'];
}

/** Reads a locale such as `ru`, `kk-KZ` or `ru_RU.UTF-8` into a LexLens language. */
export function toLang(locale: string | undefined): Lang | undefined {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('ru')) return 'ru';
  if (l.startsWith('kk') || l.startsWith('kz')) return 'kk';
  if (l.startsWith('en')) return 'en';
  return undefined;
}
