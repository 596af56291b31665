/**
 * Finds laws named in prose: titles and aliases in any language, matched word by word on stems,
 * so that inflected forms match ("Закона об онлайн-платформах", "…туралы Заңға", "Законом
 * «О связи»"), and generated number forms ("№ 18-VIII", "No. 18-VIII"). A name shared by several
 * laws, or the start of a longer title of another law, is resolved by the jurisdiction the
 * paragraph talks about.
 */
import type { Entry } from '../corpus/model.js';
import type { Span } from '../types.js';
import { tokenize, type Token } from './stem.js';

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

const isCap = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase();

/** An immutable matcher over the names of the laws in a corpus. */
export class NameMatcher {
  /** First stem → names starting with it, longest first. */
  private readonly byFirst = new Map<string, Name[]>();
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
    // contains another law's whole title ("Закон «О персональных данных»").
    const names = [...all.values()];
    const contains = (long: readonly string[], short: readonly string[]) => {
      for (let i = 0; i + short.length <= long.length; i++) if (short.every((s, k) => long[i + k] === s)) return true;
      return false;
    };
    for (const n of names) {
      for (const other of names) {
        if (other === n) continue;
        const extends_ = other.stems.length > n.stems.length && n.stems.every((s, i) => other.stems[i] === s);
        const within = n.stems.length > other.stems.length && other.stems.length >= 2 && contains(n.stems, other.stems);
        if (extends_ || within) for (const id of other.ids) if (!n.ids.includes(id)) n.ids.push(id);
      }
    }
    for (const n of names.sort((a, b) => b.stems.length - a.stems.length || (a.text < b.text ? -1 : 1))) {
      const list = this.byFirst.get(n.stems[0]!) ?? [];
      list.push(n);
      this.byFirst.set(n.stems[0]!, list);
    }
  }

  private matchAt(tokens: readonly Token[], i: number, text: string, base: number): Name | undefined {
    const candidates = this.byFirst.get(tokens[i]!.stem);
    if (!candidates) return undefined;
    for (const n of candidates) {
      if (i + n.stems.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n.stems.length && ok; k++) {
        const t = tokens[i + k]!;
        if (t.stem !== n.stems[k]) ok = false;
        // Short names ("О связи", "DSA") must keep their capitals, so prose "о связи" is not a law.
        else if (n.stems.length <= 2 && n.caps[k] && !isCap(t.text)) ok = false;
        // Words of one name are separated by spaces, hyphens or quotation marks only.
        else if (k > 0 && /[^\s\-‐‑–—«»“”„"'()]/.test(text.slice(tokens[i + k - 1]!.end - base, t.start - base))) ok = false;
      }
      if (ok) return n;
    }
    return undefined;
  }

  /** Mentions in a masked prose text whose first character is at `base`. */
  find(text: string, base: number): Mention[] {
    const tokens = tokenize(text, base);
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
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
