/**
 * Finds laws named in prose: titles and aliases in any language, with the case endings Russian
 * and Kazakh add ("Закона об онлайн-платформах", "…туралы Заңға"), and generated number forms
 * ("№ 18-VIII", "No. 18-VIII").
 */
import type { Entry } from '../corpus/model.js';
import type { Span } from '../types.js';

export interface Mention {
  readonly span: Span;
  /** Candidate entries, best first (several when a name is shared). */
  readonly ids: readonly string[];
  readonly name: string;
}

interface Name {
  readonly text: string;
  readonly ids: string[];
  readonly lang: string;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const CYRILLIC = /[\u0400-\u04ff]/;

function wordPattern(word: string, inflect: boolean): string {
  const parts = word.split(/[-‐‑–—]/).map((p) => p.replace(ESCAPE, '\\$&'));
  let pat = parts.join('[-‐‑–—]');
  // Cyrillic words take case endings: keep the stem and let up to four letters follow.
  if (inflect && CYRILLIC.test(word) && word.length >= 4) {
    const last = parts[parts.length - 1]!;
    const cut = last.length >= 6 ? 2 : 1;
    const stem = last.slice(0, last.length - cut);
    parts[parts.length - 1] = stem;
    pat = `${parts.join('[-‐‑–—]')}\\p{L}{0,4}`;
  }
  return pat;
}

function namePattern(name: string): string {
  const words = name
    .replace(/[«»“”„"]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.map((w) => wordPattern(w, true)).join('[\\s\\u00a0]+[«“„"]?');
}

/** An immutable matcher over the names of the laws in a corpus. */
export class NameMatcher {
  private readonly sensitive?: RegExp;
  private readonly insensitive?: RegExp;
  private readonly byName = new Map<string, Name>();

  constructor(entries: readonly Entry[]) {
    const add = (text: string, id: string, lang: string) => {
      const t = text.replace(/[«»“”„"]/g, '').replace(/\s+/g, ' ').trim();
      if (t.length < 3) return;
      const key = t.toLowerCase();
      const existing = this.byName.get(key);
      if (existing) {
        if (!existing.ids.includes(id)) existing.ids.push(id);
      } else this.byName.set(key, { text: t, ids: [id], lang });
    };
    for (const e of entries) {
      if (e.kind !== 'law') continue;
      for (const [lang, t] of Object.entries(e.title)) add(t, e.id, lang);
      for (const [lang, list] of Object.entries(e.aliases)) for (const a of list) add(a, e.id, lang);
      if (e.number && /[^\d]/.test(e.number)) {
        add(`№ ${e.number}`, e.id, 'ru');
        add(`No. ${e.number}`, e.id, 'en');
      }
    }
    const names = [...this.byName.values()].sort((a, b) => b.text.length - a.text.length);
    // Short names ("О связи", "DSA") must match their case; longer titles match any case.
    const cs = names.filter((n) => n.text.split(' ').length <= 2);
    const ci = names.filter((n) => n.text.split(' ').length > 2);
    const build = (list: Name[], flags: string) =>
      list.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map((n) => namePattern(n.text)).join('|')})(?![\\p{L}\\p{N}])`, flags) : undefined;
    const s = build(cs, 'gu');
    const i = build(ci, 'giu');
    if (s) this.sensitive = s;
    if (i) this.insensitive = i;
  }

  /** Mentions in a masked prose text whose first character is at `base`. */
  find(text: string, base: number): Mention[] {
    const found: Mention[] = [];
    for (const re of [this.insensitive, this.sensitive]) {
      if (!re) continue;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const span = { start: base + m.index, end: base + m.index + m[0].length };
        if (found.some((f) => span.start < f.span.end && f.span.start < span.end)) continue;
        const name = this.resolve(m[0]);
        if (name) found.push({ span, ids: name.ids, name: name.text });
      }
    }
    return found.sort((a, b) => a.span.start - b.span.start);
  }

  /** Which name a matched text is (an inflected match is compared by its stem). */
  private resolve(matched: string): Name | undefined {
    const t = matched.replace(/[«»“”„"]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
    const exact = this.byName.get(t);
    if (exact) return exact;
    let best: Name | undefined;
    for (const n of this.byName.values()) {
      const re = new RegExp(`^(?:${namePattern(n.text)})$`, 'iu');
      if (re.test(matched.replace(/[«»“”„"]/g, ' ').replace(/\s+/g, ' ').trim()) && (!best || n.text.length > best.text.length)) best = n;
    }
    return best;
  }
}
