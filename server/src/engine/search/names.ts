/**
 * Finds laws named in prose: titles and aliases in any language, matched word by word on stems,
 * so that inflected forms match ("Закона об онлайн-платформах", "…туралы Заңға", "Законом
 * «О связи»"), and generated number forms ("№ 18-VIII", "№ 5651"). A mention covers the name as a
 * reader would select it: the word for "law" next to a title ("Law "On Communications"",
 * "«Байланыс туралы» Заңға"), a date-and-number designation ("Закон РК от 10 июля 2023 года
 * № 18-VIII"), and both quotation marks when the word for "law" stands outside them. A name
 * shared by several laws, or the start of a longer title of another law, is resolved by the
 * country named nearest to it.
 */
import type { Entry } from '../corpus/model.js';
import type { Span } from '../types.js';
import { stem, tokenize, type StemMode, type Token } from './stem.js';
import { runSync, type Steps } from '../slice.js';
import { ownString } from '../text.js';

/** A name matcher as plain data (see `NameMatcher.snapshot`): one item per name, in the order added. */
export interface NameSnapshot {
  readonly sources: readonly string[];
  readonly stems: readonly string[];
  readonly gaps: readonly (readonly string[] | null)[];
  readonly flags: Int32Array;
  readonly ids: readonly (string | string[])[];
  readonly jurisdiction: readonly (readonly [string, string])[];
}

/** The fields of a law the matcher reads (the index keeps these while it builds, not whole entries). */
export type NameSource = Pick<Entry, 'id' | 'kind' | 'jurisdiction' | 'title' | 'aliases' | 'number'>;

export interface Mention {
  readonly span: Span;
  /** Candidate entries, best first. */
  readonly ids: readonly string[];
  readonly name: string;
}

type LawPlace = 'none' | 'start' | 'end' | 'inside';
const LAW_PLACES: readonly LawPlace[] = ['none', 'start', 'end', 'inside'];

/** What a name is, in one number (a large corpus has hundreds of thousands of names). */
const NUMBER_SIGN = 1;
const NUMBER_ONLY = 2;
const BARE = 4;
const LAW_SHIFT = 3;
const CAPS_SHIFT = 5;

class Name {
  constructor(
    /** The name as the corpus writes it (white space is normalised when a mention reports it). */
    readonly source: string,
    readonly stems: readonly string[],
    /**
     * What stands between each word and the one before it, white space removed ("" for plain
     * gaps): "." after "No", "/" in "2022/2065". Absent when every gap is plain, as in most names.
     */
    readonly gaps: readonly string[] | undefined,
    private readonly flags: number,
    /** The laws it names: one id (most names) or several. Only ever added to. */
    public ids: string | string[],
  ) {}

  static flags(f: { numberSign: boolean; numberOnly: boolean; bare: boolean; law: LawPlace; caps: readonly boolean[] }): number {
    let flags = (f.numberSign ? NUMBER_SIGN : 0) | (f.numberOnly ? NUMBER_ONLY : 0) | (f.bare ? BARE : 0) | (LAW_PLACES.indexOf(f.law) << LAW_SHIFT);
    if (f.caps.length <= 2) f.caps.forEach((cap, k) => (flags |= cap ? 1 << (CAPS_SHIFT + k) : 0));
    return flags;
  }

  /** The flags, packed as `Name.flags` made them. */
  get packed(): number {
    return this.flags;
  }

  /** The name starts with "№": a bare number ("№ 5651") names a law only with it. */
  get numberSign(): boolean {
    return (this.flags & NUMBER_SIGN) !== 0;
  }

  get numberOnly(): boolean {
    return (this.flags & NUMBER_ONLY) !== 0;
  }

  /**
   * A title led by a preposition ("On …", "О …", "Об …") or closed by "туралы": without quotation
   * marks or a word for "law" next to it, the same words are ordinary prose ("О рекламе у
   * блогеров…", "Жарнама туралы айтқанда…", "rules on personal data").
   */
  get bare(): boolean {
    return (this.flags & BARE) !== 0;
  }

  /** Where the name has a word for "law" ("Law on …", "… туралы заң"). */
  get law(): LawPlace {
    return LAW_PLACES[(this.flags >> LAW_SHIFT) & 3]!;
  }

  /** For names of one or two words (the only ones that must match case): word `k`'s first letter is upper case. */
  capital(k: number): boolean {
    return ((this.flags >> (CAPS_SHIFT + k)) & 1) === 1;
  }
}

/** The laws a name names. */
function idsOf(n: Name): readonly string[] {
  return typeof n.ids === 'string' ? [n.ids] : n.ids;
}

function addId(n: Name, id: string): void {
  if (typeof n.ids === 'string') {
    if (n.ids !== id) n.ids = [n.ids, id];
  } else if (!n.ids.includes(id)) n.ids.push(id);
}

const COUNTRY_WORDS: Record<string, RegExp> = {
  KZ: /kazakh|казах|қазақ|(?<![\p{L}])(?:РК|RK|ҚР)(?![\p{L}])/giu,
  UZ: /uzbek|узбек|өзбек/giu,
  RU: /russia|росси|ресей/giu,
  EU: /(?<![\p{L}])(?:EU|ЕС|ЕО)(?![\p{L}])|european union|евросоюз|европейск|еуропа/giu,
  TR: /turkey|türkiye|turkish|турци|турецк|түркия/giu,
  KG: /kyrgyz|кыргыз|киргиз|қырғыз/giu,
};

const MODES: readonly StemMode[] = ['auto', 'kk'];
const stemsOf = (...words: string[]) => new Set(words.flatMap((w) => MODES.map((m) => stem(w, m))));
/** Words for "law" that stand next to a title. Kazakh puts "заң" after the title. */
const LAW_BEFORE = stemsOf('law', 'закон', 'закона', 'законом', 'законе');
const LAW_AFTER = stemsOf('заң', 'заңы', 'заңның', 'заңға', 'заңда');
const LAW_ANY = new Set([...LAW_BEFORE, ...LAW_AFTER]);
/** Words that only say whose law it is, between the word for "law" and the title. */
const QUALIFIERS = stemsOf('РК', 'RK', 'ҚР', 'of', 'the', 'republic', 'Республики', 'Казахстан', 'Kazakhstan', 'Қазақстан', 'Республикасының', 'Республикасы');
/** Words that only say "a law (of Kazakhstan)" in front of a title. */
const GENERIC = new Set([...LAW_ANY, ...QUALIFIERS, ...stemsOf('федеральный')]);

/** Gaps inside a name that any name may have: white space, hyphens, quotation marks, brackets. */
const PLAIN_GAP = /^[\s\-‐‑–—«»“”„"'()]*$/u;
const OPENING_QUOTE = /[«“„"]$/u;
const PREPOSITIONS = new Set(['on', 'о', 'об', 'обо']);
// "any new law on online platforms" speaks of laws in general, not of the Law on Online Platforms.
const INDEFINITE = /(?:^|[^\p{L}])(?:a|an|any|another|every|each|no|such a)\s+(?:\p{L}+\s+)?$/iu;
// A date and number designation around a number: "Закон РК от 10 июля 2023 года № 18-VIII",
// "Law No. 18-VIII of 10 July 2023", "2023 жылғы 10 шілдедегі № 18-VIII Заң".
const DATE = '\\d{1,2}\\s+\\p{L}+\\s+(?:19|20)\\d{2}(?:\\s*(?:года|г\\.))?';
const DESIGNATION_BEFORE = new RegExp(
  `(?:(?:Федеральн\\p{L}*|Federal)\\s+)?(?:[Зз]акон\\p{L}*|[Ll]aw)(?:\\s+(?:РК|RK|Республики\\s+\\p{L}+|Российской\\s+Федерации|of\\s+the\\s+Republic\\s+of\\s+\\p{L}+))?\\s+(?:от|of|dated)\\s+${DATE},?\\s*$|(?:19|20)\\d{2}\\s+жылғы\\s+\\d{1,2}\\s+\\p{L}+\\s*$`,
  'u',
);
const DESIGNATION_AFTER = new RegExp(`^,?\\s+(?:от|of|dated)\\s+${DATE}`, 'u');

const isCap = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase();
const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * A node of the trie of names, keyed by stems word by word. Below most nodes there is a single
 * name (its words after those it shares with other names): the edge then leads to that name
 * itself, whose remaining stems are compared as the text goes, instead of to a chain of nodes.
 */
class TrieNode {
  /** The name that ends here. */
  name: Name | undefined = undefined;
  next: Map<string, TrieNode | Name> | undefined = undefined;
}

/** Adds a name below `root`. Names are unique by their stems. */
function insert(root: TrieNode, n: Name): void {
  let node = root;
  for (let d = 0; d < n.stems.length; d++) {
    const s = n.stems[d]!;
    const next = node.next?.get(s);
    if (next === undefined) {
      (node.next ??= new Map()).set(s, n);
      return;
    }
    if (next instanceof TrieNode) {
      node = next;
      continue;
    }
    // Another name hangs from this edge alone: it moves one word down, below a node of its own.
    const inner = new TrieNode();
    if (next.stems.length === d + 1) inner.name = next;
    else inner.next = new Map([[next.stems[d + 1]!, next]]);
    node.next!.set(s, inner);
    node = inner;
  }
  node.name = n;
}

/** The name whose stems are `stems[from…]`, if there is one. */
function lookup(root: TrieNode, stems: readonly string[], from: number): Name | undefined {
  let node = root;
  for (let d = from; d < stems.length; d++) {
    const next = node.next?.get(stems[d]!);
    if (next === undefined) return undefined;
    if (!(next instanceof TrieNode)) return sameStems(next.stems, d - from, stems, d) ? next : undefined;
    node = next;
  }
  return node.name;
}

/** `a[i…]` and `b[j…]` are the same stems. */
function sameStems(a: readonly string[], i: number, b: readonly string[], j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

interface Candidate {
  readonly name: Name;
  readonly start: number;
  readonly end: number;
}

/** An immutable matcher over the names of the laws in a corpus. */
export class NameMatcher {
  /** Names by their stems, word by word: a match walks down as far as the text goes. */
  private readonly root = new TrieNode();
  private readonly jurisdiction = new Map<string, string>();
  /** Every name, in the order it was added (for `snapshot`). */
  private list: Name[] = [];

  /** Builds the matcher at once; `NameMatcher.steps` builds it in steps. */
  constructor(entries?: Iterable<NameSource>) {
    if (entries) runSync(this.fill(entries));
  }

  /** Builds a matcher, yielding between laws and between names (see slice.ts). */
  static *steps(entries: Iterable<NameSource>): Steps<NameMatcher> {
    const m = new NameMatcher();
    yield* m.fill(entries);
    return m;
  }

  private *fill(entries: Iterable<NameSource>): Steps<void> {
    /** Every name, in the order first seen. */
    const all: Name[] = [];
    const add = (text: string, id: string, mode: StemMode) => {
      const tokens = tokenize(text, 0, mode);
      if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.text.length < 3 && !/^\d/.test(tokens[0]!.text))) return;
      const stems = tokens.map((t) => t.stem);
      // Names with the same stems are one name, naming each of their laws.
      const existing = lookup(this.root, stems, 0);
      if (existing) {
        addId(existing, id);
        return;
      }
      const lawAt = stems.map((s) => LAW_ANY.has(s));
      const first = tokens[0]!.text.toLowerCase();
      const last = tokens[tokens.length - 1]!.text.toLowerCase();
      const gaps = tokens.map((t, k) => {
        if (k === 0) return '';
        const from = tokens[k - 1]!.end;
        if (t.start === from + 1 && text.charCodeAt(from) === 32) return ''; // one space, as most gaps are
        const g = squash(text.slice(from, t.start));
        return PLAIN_GAP.test(g) ? '' : g;
      });
      const flags = Name.flags({
        numberSign: /^\s*№/.test(text),
        numberOnly: tokens.every((t) => /^\d+$/.test(t.text)),
        bare: PREPOSITIONS.has(first) || last === 'туралы',
        law: lawAt[0] ? 'start' : lawAt[lawAt.length - 1] ? 'end' : lawAt.some(Boolean) ? 'inside' : 'none',
        caps: tokens.map((t) => isCap(t.text)),
      });
      // The text as a string of its own: a title read from a file can be a view into its whole text.
      const n = new Name(ownString(text), stems, gaps.some((g) => g !== '') ? gaps : undefined, flags, id);
      insert(this.root, n);
      all.push(n);
    };
    for (const e of entries) {
      if (e.kind !== 'law') continue;
      if (e.jurisdiction) this.jurisdiction.set(e.id, e.jurisdiction);
      for (const t of Object.values(e.title)) add(t, e.id, 'auto');
      for (const list of Object.values(e.aliases)) for (const a of list) add(a, e.id, 'auto');
      // Kazakh names are also stemmed as Kazakh throughout, for Kazakh words that have no
      // Kazakh letter ("ҚР Конституциясы"; see stem.ts).
      if (e.title['kk']) add(e.title['kk'], e.id, 'kk');
      for (const a of e.aliases['kk'] ?? []) add(a, e.id, 'kk');
      // A number alone is a name only after "№" (checked when matching), so "№ 5651" is
      // generated too, and "5651" in prose is not a law.
      if (e.number) add(`№ ${e.number}`, e.id, 'auto');
      yield;
    }
    // Names that overlap make each other's laws candidates: a short title that begins a longer
    // title ("О персональных данных" / "О персональных данных и их защите"), or a name that
    // contains another law's whole title ("Закон «О персональных данных»"). Looked up in the
    // trie, so the cost grows with the words of each name, not with the number of names.
    // Each name lends the laws it names itself: the additions are noted first and made after.
    const lends: [Name, string][] = [];
    for (let k = 0; k < all.length; k++) {
      const n = all[k]!;
      if (k % 256 === 0) yield;
      const L = n.stems.length;
      // The names that begin n end at the nodes on its path.
      let node: TrieNode | Name | undefined = this.root;
      for (let len = 1; len < L; len++) {
        node = node.next?.get(n.stems[len - 1]!);
        if (!(node instanceof TrieNode)) break;
        const prefix = node.name;
        if (prefix) for (const id of idsOf(n)) lends.push([prefix, id]);
      }
      // "Закон «О персональных данных»" holds the Uzbek title after a generic word for "law".
      for (let i = 1; i < L - 1 && GENERIC.has(n.stems[i - 1]!); i++) {
        const inner = lookup(this.root, n.stems, i);
        if (inner) for (const id of idsOf(inner)) lends.push([n, id]);
      }
    }
    for (const [n, id] of lends) addId(n, id);
    this.list = all;
  }

  /** The matcher as plain data, to store and load without stemming every name again. */
  snapshot(): NameSnapshot {
    const n = this.list.length;
    const flags = new Int32Array(n);
    this.list.forEach((x, i) => (flags[i] = x.packed));
    return {
      sources: this.list.map((x) => x.source),
      stems: this.list.map((x) => x.stems.join(' ')),
      gaps: this.list.map((x) => x.gaps ?? null),
      flags,
      ids: this.list.map((x) => x.ids),
      jurisdiction: [...this.jurisdiction],
    };
  }

  static fromSnapshot(s: NameSnapshot): NameMatcher {
    const m = new NameMatcher();
    for (const [id, j] of s.jurisdiction) m.jurisdiction.set(id, j);
    for (let i = 0; i < s.sources.length; i++) {
      // Stems are words of letters and digits: a space never occurs in one.
      const n = new Name(s.sources[i]!, s.stems[i]!.split(' '), s.gaps[i] ?? undefined, s.flags[i]!, s.ids[i]!);
      insert(m.root, n);
      m.list.push(n);
    }
    return m;
  }

  /** The names that start at token `i`, longest first, whose words are separated as the name's are. */
  private namesAt(tokens: readonly Token[], i: number, text: string, base: number): Name[] {
    const found: Name[] = [];
    const gaps: string[] = [''];
    // Every gap so far is plain: enough for a name whose gaps are all plain.
    let plain = true;
    let node: TrieNode | undefined = this.root;
    // The only name below, once the walk has reached it: its stems are compared word by word.
    let tail: Name | undefined;
    for (let k = i; k < tokens.length && (node || tail); k++) {
      const t = tokens[k]!;
      if (k > i) {
        const gap = text.slice(tokens[k - 1]!.end - base, t.start - base);
        // Words of one name are separated by spaces, hyphens or quotation marks, or by what
        // separates them in the name itself ("No. 18", "2022/2065"); anything longer ends it.
        if (gap.length > 4) break;
        const g = PLAIN_GAP.test(gap) ? '' : squash(gap);
        gaps.push(g);
        if (g !== '') plain = false;
      }
      let name: Name | undefined;
      if (tail) {
        if (tail.stems[k - i] !== t.stem) break;
        if (k - i === tail.stems.length - 1) name = tail;
      } else {
        const next: TrieNode | Name | undefined = node!.next?.get(t.stem);
        if (next === undefined) break;
        if (next instanceof TrieNode) {
          node = next;
          name = next.name;
        } else {
          node = undefined;
          tail = next;
          if (k - i === next.stems.length - 1) name = next;
        }
      }
      if (name && (name.gaps ? name.gaps.every((g, j) => gaps[j] === '' || gaps[j] === g) : plain)) found.push(name);
    }
    return found.reverse();
  }

  /** The span a name found at tokens `i`…`i + n − 1` covers in context, or nothing when the context says it is not a law. */
  private accept(n: Name, tokens: readonly Token[], i: number, text: string, base: number): Candidate | undefined {
    const at = (offset: number) => offset - base;
    const j = i + n.stems.length - 1;
    let start = tokens[i]!.start;
    let end = tokens[j]!.end;
    const before = (o: number) => text.slice(0, at(o));

    if (n.numberSign || /^\d/.test(tokens[i]!.text)) {
      const sign = /(?:№|No\.?|Nº)\s*$/u.exec(before(start));
      if (sign) start -= sign[0].length;
      else if (n.numberOnly) return undefined;
    }
    // Short names ("О связи", "DSA") must keep their capitals, so prose "о связи" is not a law;
    // a short name with a word for "law" in it may be lower case after a country's "'s"
    // ("Russia's landing law"), though not after "the" ("the advertising law of most countries").
    if (n.stems.length <= 2 && n.stems.some((_, k) => n.capital(k) && !isCap(tokens[i + k]!.text))) {
      const prev = tokens[i - 1];
      const possessive = prev && prev.text === 's' && /['’]$/u.test(before(prev.start));
      if (n.law === 'none' || !possessive) return undefined;
    }
    if (n.law === 'start' && !isCap(tokens[i]!.text) && INDEFINITE.test(before(start))) return undefined;

    // The word for "law" (and whose law) in front of a title.
    let lawBefore = false;
    if (n.law !== 'start') {
      let k = i - 1;
      let s = start;
      let qualifiers = 0;
      while (k >= 0 && qualifiers <= 5 && PLAIN_GAP.test(text.slice(at(tokens[k]!.end), at(s)))) {
        const t = tokens[k]!;
        if (LAW_BEFORE.has(t.stem)) {
          lawBefore = true;
          start = t.start;
          const federal = k > 0 && /^(?:федеральн|federal)/iu.test(tokens[k - 1]!.text) && /^\s+$/u.test(text.slice(at(tokens[k - 1]!.end), at(t.start)));
          if (federal) start = tokens[k - 1]!.start;
          break;
        }
        if (!QUALIFIERS.has(t.stem)) break;
        qualifiers++;
        s = t.start;
        k--;
      }
    }
    // Kazakh: the word for "law" after the title ("«Байланыс туралы» Заңға", "… Қазақстан
    // Республикасының Заңы").
    let lawAfter = false;
    if (n.law !== 'end') {
      let e = end;
      for (let k = j + 1, qualifiers = 0; k < tokens.length && qualifiers <= 2; k++) {
        const t = tokens[k]!;
        if (!/^[\s»”"]*$/u.test(text.slice(at(e), at(t.start)))) break;
        if (LAW_AFTER.has(t.stem) && /[\u0400-\u04ff]/u.test(t.text)) {
          lawAfter = true;
          end = t.end;
          break;
        }
        if (!QUALIFIERS.has(t.stem)) break;
        qualifiers++;
        e = t.end;
      }
    }
    const quoted = OPENING_QUOTE.test(before(tokens[i]!.start));
    if (n.bare && !lawBefore && !lawAfter && !quoted) return undefined;

    if (n.numberSign || n.stems.some((s) => /^\d/.test(s))) {
      const d = DESIGNATION_BEFORE.exec(before(start));
      if (d) start -= d[0].length;
      const a = DESIGNATION_AFTER.exec(text.slice(at(end)));
      if (a) end += a[0].length;
    }
    // Never half a pair of quotation marks.
    const inside = text.slice(at(start), at(end));
    const opens = (inside.match(/[«“„]/gu) ?? []).length;
    const closes = (inside.match(/[»”]/gu) ?? []).length;
    const straight = (inside.match(/"/gu) ?? []).length;
    if (opens > closes && /^[»”“]/u.test(text.slice(at(end)))) end += 1;
    else if (closes > opens && /[«“„]$/u.test(before(start))) start -= 1;
    else if (straight % 2 === 1) {
      if (text[at(end)] === '"') end += 1;
      else if (text[at(start) - 1] === '"') start -= 1;
    }
    return { name: n, start, end };
  }

  /** Mentions in a masked prose text whose first character is at `base`. */
  find(text: string, base: number): Mention[] {
    const candidates: Candidate[] = [];
    for (const mode of MODES) {
      if (mode === 'kk' && !/[\u0400-\u04ff]/u.test(text)) continue;
      const tokens = tokenize(text, base, mode);
      for (let i = 0; i < tokens.length; i++) {
        if (!this.root.next?.has(tokens[i]!.stem)) continue;
        for (const n of this.namesAt(tokens, i, text, base)) {
          const c = this.accept(n, tokens, i, text, base);
          if (c) {
            candidates.push(c);
            break;
          }
        }
      }
    }
    // The longest reading wins where readings overlap ("Law "On Personal Data and Their
    // Protection"" over "Law "On Personal Data").
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: Candidate[] = [];
    for (const c of candidates) if (!chosen.some((o) => o.start < c.end && c.start < o.end)) chosen.push(c);
    chosen.sort((a, b) => a.start - b.start);
    return chosen.map((c) => ({ span: { start: c.start, end: c.end }, ids: this.rank(idsOf(c.name), text, c.start - base), name: c.name.source.replace(/\s+/g, ' ').trim() }));
  }

  /** Orders candidate ids by how near the text names each one's country to offset `at`. */
  private rank(ids: readonly string[], context: string, at: number): string[] {
    if (ids.length < 2) return [...ids];
    const distance = (id: string) => {
      const j = this.jurisdiction.get(id);
      const re = j ? COUNTRY_WORDS[j] : undefined;
      if (!re) return Infinity;
      let best = Infinity;
      re.lastIndex = 0;
      for (let m = re.exec(context); m; m = re.exec(context)) best = Math.min(best, Math.abs(m.index - at));
      return best;
    };
    const d = new Map(ids.map((id) => [id, distance(id)]));
    return [...ids].sort((a, b) => (d.get(a)! === d.get(b)! ? 0 : d.get(a)! < d.get(b)! ? -1 : 1));
  }
}
