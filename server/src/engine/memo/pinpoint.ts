/**
 * Pinpoint locators in English, Russian and Kazakh: "art. 9(1)", "arts. 9, 10", "para. 3", "§ 2",
 * "ст. 9 п. 4", "п. 4 ст. 9", "ч. 2 статьи 5", "9-бап 4-тармақ", "p. 12" (pages, not checked).
 */

export type LocatorKind = 'article' | 'paragraph' | 'subparagraph' | 'page';

/** A parsed pinpoint: the article and the path of paragraph numbers inside it. */
export interface Pinpoint {
  readonly raw: string;
  readonly article?: string;
  /** Paragraph path: "9(4)(2)" → ["4", "2"]; "п. 4 подп. 2" → ["4", "2"]. */
  readonly paragraphs: readonly string[];
  /** Pages are cited, never checked. */
  readonly page?: string;
  /** True when the text has a locator word LexLens recognises. */
  readonly recognised: boolean;
}

// Longest labels first, so "article" wins over "art." and "подп." over "п.".
const LABELS: readonly [RegExp, LocatorKind][] = [
  [/^(?:articles|article|arts?\.?)(?=[\s\d])/i, 'article'],
  [/^(?:статьями|статьях|статьям|статьей|статьёй|статьи|статье|статью|статья|ст\.?)(?=[\s\d])/i, 'article'],
  [/^(?:paragraphs|paragraph|paras?\.?|§§?)(?=[\s\d])/i, 'paragraph'],
  [/^(?:подпункты|подпункта|подпункт|подп\.?|пп\.)(?=[\s\d])/i, 'subparagraph'],
  [/^(?:пункты|пункта|пункте|пункт|п\.?)(?=[\s\d])/i, 'paragraph'],
  [/^(?:частью|части|часть|ч\.?)(?=[\s\d])/i, 'paragraph'],
  [/^(?:pages?|pp?\.)(?=[\s\d])/i, 'page'],
];
// Kazakh puts the word after the number: "9-бап", "9-бабы", "4-тармақ", "4-тармағы", "2-тармақша".
const KK_SUFFIX: readonly [RegExp, LocatorKind][] = [
  [/^-?\s?(?:бап|бабы|бабында|бабының|бабына)(?![\p{L}])/iu, 'article'],
  [/^-?\s?(?:тармақшасы|тармақша)(?![\p{L}])/iu, 'subparagraph'],
  [/^-?\s?(?:тармағы|тармағында|тармақ)(?![\p{L}])/iu, 'paragraph'],
];
const NUMBER = /^(\d+(?:-\d+)*(?:\s?\(\d+(?:-\d+)?\))*)/;

/** Splits "9(4)(2)" into "9" and ["4", "2"]. */
function splitNumber(n: string): { head: string; parts: string[] } {
  const compact = n.replace(/\s+/g, '');
  const head = /^[\d-]+/.exec(compact)?.[0] ?? compact;
  const parts = [...compact.matchAll(/\((\d+(?:-\d+)?)\)/g)].map((m) => m[1]!);
  return { head, parts };
}

/** Parses the locator text that follows a key and a comma. */
export function parsePinpoint(raw: string): Pinpoint {
  let rest = raw.trim();
  let article: string | undefined;
  let page: string | undefined;
  const paragraphs: string[] = [];
  let recognised = false;
  let pendingNumber: string | undefined;
  let guard = 0;
  while (rest.length > 0 && guard++ < 20) {
    const label = LABELS.find(([re]) => re.test(rest));
    if (label) {
      rest = rest.replace(label[0], '').trimStart();
      const num = NUMBER.exec(rest);
      if (!num) break;
      rest = rest.slice(num[0].length).replace(/^[\s,;]+/, '');
      recognised = true;
      assign(label[1], num[1]!);
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      const after = rest.slice(num[0].length);
      const kk = KK_SUFFIX.find(([re]) => re.test(after));
      if (kk) {
        rest = after.replace(kk[0], '').replace(/^[\s,;]+/, '');
        recognised = true;
        assign(kk[1], num[1]!);
        continue;
      }
      // a bare number: "9" alone, or "9 п. 4" where the article comes first without a label
      pendingNumber = pendingNumber ?? num[1]!;
      rest = after.replace(/^[\s,;]+/, '');
      continue;
    }
    break;
  }
  if (pendingNumber !== undefined && article === undefined && (recognised || /^\s*\d/.test(raw))) {
    const { head, parts } = splitNumber(pendingNumber);
    article = head;
    paragraphs.unshift(...parts);
  }
  return { raw, ...(article !== undefined ? { article } : {}), paragraphs, ...(page !== undefined ? { page } : {}), recognised };

  function assign(kind: LocatorKind, n: string): void {
    const { head, parts } = splitNumber(n);
    if (kind === 'article') {
      if (article === undefined) {
        article = head;
        paragraphs.unshift(...parts);
      }
    } else if (kind === 'page') {
      page = n;
    } else if (kind === 'paragraph') {
      paragraphs.unshift(...[head, ...parts].filter((x) => x));
    } else {
      paragraphs.push(head, ...parts);
    }
  }
}

/** Formats a pinpoint the way completion inserts it: "art. 9(4)". */
export function formatPinpoint(article: string, paragraph?: string): string {
  if (!paragraph) return `art. ${article}`;
  const parts = paragraph.split(/[()]+/).filter(Boolean);
  return `art. ${article}${parts.map((p) => `(${p})`).join('')}`;
}
