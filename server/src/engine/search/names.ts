/**
 * Finds laws named in prose: titles and aliases in any language, matched word by word on stems,
 * so that inflected forms match ("Закона об онлайн-платформах", "…туралы Заңға", "Законом
 * «О связи»"), and generated number forms ("№ 18-VIII", "No. 18-VIII"). A name shared by several
 * laws, or the start of a longer title of another law, is resolved by the jurisdiction the
 * paragraph talks about.
 */
import type { Entry } from '../corpus/model.js';
import type { Span } from '../types.js';
import { stem, tokenize, type Token } from './stem.js';

export interface Mention {
  readonly span: Span;
  /** Candidate entries, best first. */
  readonly ids: readonly string[];
  readonly name: string;
}

interface Name {
  readonly text: string;
  readonly stems: readonly string[];
  /** Each word's first letter is upper case (short names must match case). */
  readonly caps: readonly boolean[];
  readonly ids: string[];
}

const COUNTRY_WORDS: Record<string, RegExp> = {
  KZ: /kazakh|казах|қазақ|\bРК\b|\bRK\b/iu,
  UZ: /uzbek|узбек|өзбек/iu,
  RU: /russia|росси|ресей/iu,
  EU: /\bEU\b|european union|\bЕС\b|евросоюз|европейск|еуропа/u,
  TR: /turkey|türkiye|турци|түркия/iu,
  KG: /kyrgyz|кыргыз|киргиз|қырғыз/iu,
};

/** Words that only say "a law (of Kazakhstan)" in front of a title. */
const GENERIC = new Set(['law', 'the', 'of', 'закон', 'заң', 'рк', 'rk', 'республика', 'республики', 'казахстан', 'республикасы', 'қазақстан', 'федеральный'].map(stem));

const isCap = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase();

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  name?: Name;
}

/** An immutable matcher over the names of the laws in a corpus. */
export class NameMatcher {
  /** Names by their stems, word by word: a match walks down as far as the text goes. */
  private readonly root: TrieNode = { next: new Map() };
  private readonly jurisdiction = new Map<string, string>();

  constructor(entries: readonly Entry[]) {
    const all = new Map<string, Name>();
    const add = (text: string, id: string) => {
      const tokens = tokenize(text);
      if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.text.length < 3)) return;
      const stems = tokens.map((t) => t.stem);
      const key = stems.join(' ');
      const existing = all.get(key);
      if (existing) {
        if (!existing.ids.includes(id)) existing.ids.push(id);
        return;
      }
      all.set(key, { text: text.replace(/\s+/g, ' ').trim(), stems, caps: tokens.map((t) => isCap(t.text)), ids: [id] });
    };
    for (const e of entries) {
      if (e.kind !== 'law') continue;
      if (e.jurisdiction) this.jurisdiction.set(e.id, e.jurisdiction);
      for (const t of Object.values(e.title)) add(t, e.id);
      for (const list of Object.values(e.aliases)) for (const a of list) add(a, e.id);
      if (e.number && /\D/.test(e.number)) add(`№ ${e.number}`, e.id);
    }
    // Names that overlap make each other's laws candidates: a short title that begins a longer
    // title ("О персональных данных" / "О персональных данных и их защите"), or a name that
    // contains another law's whole title ("Закон «О персональных данных»"). Looked up by key,
    // so the cost grows with the words of each name, not with the number of names.
    const own = new Map([...all].map(([k, n]) => [k, [...n.ids]]));
    for (const n of all.values()) {
      const L = n.stems.length;
      for (let len = 1; len < L; len++) {
        const prefix = all.get(n.stems.slice(0, len).join(' '));
        if (prefix) for (const id of own.get(n.stems.join(' '))!) if (!prefix.ids.includes(id)) prefix.ids.push(id);
      }
      // "Закон «О персональных данных»" holds the Uzbek title after a generic word for "law".
      for (let i = 1; i < L - 1 && GENERIC.has(n.stems[i - 1]!); i++) {
        const inner = own.get(n.stems.slice(i).join(' '));
        if (inner) for (const id of inner) if (!n.ids.includes(id)) n.ids.push(id);
      }
    }
    for (const n of all.values()) {
      let node = this.root;
      for (const s of n.stems) {
        let child = node.next.get(s);
        if (!child) {
          child = { next: new Map() };
          node.next.set(s, child);
        }
        node = child;
      }
      node.name = n;
    }
  }

  /** The longest name that starts at token `i`. */
  private matchAt(tokens: readonly Token[], i: number, text: string, base: number): Name | undefined {
    const found: Name[] = [];
    let node: TrieNode | undefined = this.root;
    for (let k = i; k < tokens.length && node; k++) {
      const t = tokens[k]!;
      // Words of one name are separated by spaces, hyphens or quotation marks only.
      if (k > i && /[^\s\-‐‑–—«»“”„"'()]/.test(text.slice(tokens[k - 1]!.end - base, t.start - base))) break;
      node = node.next.get(t.stem);
      if (node?.name) found.push(node.name);
    }
    for (let j = found.length - 1; j >= 0; j--) {
      const n = found[j]!;
      // Short names ("О связи", "DSA") must keep their capitals, so prose "о связи" is not a law.
      if (n.stems.length <= 2 && n.caps.some((cap, k) => cap && !isCap(tokens[i + k]!.text))) continue;
      return n;
    }
    return undefined;
  }

  /** Mentions in a masked prose text whose first character is at `base`. */
  find(text: string, base: number): Mention[] {
    const tokens = tokenize(text, base);
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!this.root.next.has(tokens[i]!.stem)) continue;
      const n = this.matchAt(tokens, i, text, base);
      if (!n) continue;
      const last = tokens[i + n.stems.length - 1]!;
      found.push({ span: { start: tokens[i]!.start, end: last.end }, ids: this.rank(n.ids, text), name: n.text });
      i += n.stems.length - 1;
    }
    return found;
  }

  /** Orders candidate ids by the jurisdiction the surrounding text talks about. */
  private rank(ids: readonly string[], context: string): string[] {
    if (ids.length < 2) return [...ids];
    const score = (id: string) => {
      const j = this.jurisdiction.get(id);
      const re = j ? COUNTRY_WORDS[j] : undefined;
      return re?.test(context) ? 1 : 0;
    };
    return [...ids].sort((a, b) => score(b) - score(a));
  }
}
