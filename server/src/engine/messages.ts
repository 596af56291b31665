/**
 * The engine's own message table for words that cards show, in English, Russian and Kazakh.
 * (The extension's UI strings live in package.nls.*.json and l10n/ bundles.)
 */
import type { Lang } from './types.js';

const TABLE = {
  no: { en: 'No.', ru: '№', kk: '№' },
  adopted: { en: 'adopted', ru: 'принят', kk: 'қабылданды' },
  inForceFrom: { en: 'in force from', ru: 'действует с', kk: 'күшіне енді' },
  repealed: { en: 'repealed', ru: 'утратил силу', kk: 'күшін жойды' },
  alsoReported: { en: 'also reported', ru: 'также указывают', kk: 'сондай-ақ көрсетіледі' },
  status: { en: 'status', ru: 'статус', kk: 'мәртебесі' },
  'status.in-force': { en: 'in force', ru: 'действует', kk: 'күшінде' },
  'status.amended': { en: 'in force, amended', ru: 'действует с изменениями', kk: 'өзгерістермен күшінде' },
  'status.repealed': { en: 'repealed', ru: 'утратил силу', kk: 'күшін жойды' },
  'status.superseded': { en: 'superseded', ru: 'заменён', kk: 'ауыстырылды' },
  'status.draft': { en: 'draft, not law', ru: 'проект, не закон', kk: 'жоба, заң емес' },
  'status.unknown': { en: 'status unknown', ru: 'статус неизвестен', kk: 'мәртебесі белгісіз' },
  duties: { en: 'Duties', ru: 'Обязанности', kk: 'Міндеттер' },
  article: { en: 'Art.', ru: 'Ст.', kk: 'бап' },
  officialText: { en: 'Official text', ru: 'Официальный текст', kk: 'Ресми мәтін' },
  source: { en: 'Source', ru: 'Источник', kk: 'Дереккөз' },
  verification: { en: 'Verification', ru: 'Проверка', kk: 'Тексеру' },
  'verification.read': { en: 'read at the source', ru: 'прочитано в источнике', kk: 'дереккөзден оқылды' },
  'verification.secondary': { en: 'from a secondary source', ru: 'по вторичному источнику', kk: 'қосымша дереккөзден' },
  'verification.unverified': { en: 'unverified', ru: 'не проверено', kk: 'тексерілмеген' },
  refersTo: { en: 'refers to', ru: 'относится к', kk: 'мынаған қатысты' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof TABLE;

/** The word or phrase for `key` in `lang`. */
export function m(key: MessageKey, lang: Lang): string {
  return TABLE[key][lang];
}
