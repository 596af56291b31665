/**
 * Short forms that point back to an earlier authority: "Id.", "Ibid.", "supra", "там же" point to
 * the last citation; "the Law", "the above-mentioned law", "указанный Закон", "названного
 * закона", "аталған Заң" point to the last law cited or named.
 */
import type { Span } from '../types.js';

export type ShortFormKind = 'citation' | 'law';

export interface ShortFormMatch {
  readonly span: Span;
  readonly kind: ShortFormKind;
  readonly text: string;
}

const PATTERNS: readonly [ShortFormKind, RegExp][] = [
  ['citation', /(?<![\p{L}])(?:Id\.|id\.|Ibid\.|ibid\.|supra(?![\p{L}])|там же(?![\p{L}])|сонда(?![\p{L}]))/gu],
  // English: "the Law" with a capital L is the short form; "the law" in general is not.
  ['law', /(?<![\p{L}])(?:[Tt]he|[Tt]his|[Tt]hat|[Ss]aid|[Ss]uch) (?:above-mentioned |aforementioned |said )?Law(?![\p{L}])|(?<![\p{L}])[Tt]he (?:above-mentioned|aforementioned|said) law(?![\p{L}])/gu],
  [
    'law',
    /(?<![\p{L}])(?:(?:указанн|названн|вышеуказанн|вышеназванн|данн|настоящ)\p{L}* закон\p{L}*|(?:этот|этого|этом|этому|этим) закон\p{L}*|(?:жоғарыда )?(?:аталған|осы|бұл) заң\p{L}*)/giu,
  ],
];

/** Short forms in a masked prose text whose first character is at `base`. */
export function findShortForms(text: string, base: number): ShortFormMatch[] {
  const out: ShortFormMatch[] = [];
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ span: { start: base + m.index, end: base + m.index + m[0].length }, kind, text: m[0] });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
