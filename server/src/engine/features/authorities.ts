/**
 * Table of authorities of a memo: laws grouped by jurisdiction, then statements, reports and
 * events; each with the pinpoints cited and the lines where it is cited.
 */
import { entryTitle, type Entry } from '../corpus/model.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import { LineIndex } from '../text.js';
import { entryDetail } from './cards.js';

export interface Authority {
  readonly id: string;
  readonly kind: Entry['kind'];
  readonly title: string;
  readonly detail: string;
  readonly jurisdiction?: string;
  readonly pinpoints: readonly string[];
  /** 1-based lines where the entry is cited. */
  readonly lines: readonly number[];
  readonly url?: string;
}

export interface AuthoritiesTable {
  readonly laws: readonly { readonly jurisdiction: string; readonly entries: readonly Authority[] }[];
  readonly statements: readonly Authority[];
  readonly other: readonly Authority[];
  /** Keys cited that are not in the corpus. */
  readonly unknown: readonly string[];
}

/** Builds the table for one memo. */
export function authorities(memo: ResolvedMemo, index: CorpusIndex): AuthoritiesTable {
  const lines = new LineIndex(memo.analysis.text);
  const found = new Map<string, { e: Entry; pins: Set<string>; lines: Set<number> }>();
  const unknown = new Set<string>();
  for (const c of memo.analysis.citations) {
    for (const it of c.items) {
      const e = index.get(it.key);
      if (!e) {
        unknown.add(it.key);
        continue;
      }
      const rec = found.get(e.id) ?? { e, pins: new Set<string>(), lines: new Set<number>() };
      if (it.pinpoint?.raw) rec.pins.add(it.pinpoint.raw.trim());
      rec.lines.add(lines.lineCol(it.keySpan.start).line);
      found.set(e.id, rec);
    }
  }
  const rows = [...found.values()].map(
    ({ e, pins, lines: ls }): Authority => ({
      id: e.id,
      kind: e.kind,
      title: entryTitle(e, [memo.analysis.lang, 'en', 'ru', 'kk']),
      detail: entryDetail(e, memo.analysis.lang),
      ...(e.jurisdiction ? { jurisdiction: e.jurisdiction } : {}),
      pinpoints: [...pins].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      lines: [...ls].sort((a, b) => a - b),
      ...(e.urls[0] ? { url: e.urls[0].url } : {}),
    }),
  );
  const byTitle = (a: Authority, b: Authority) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1);
  const laws = rows.filter((r) => r.kind === 'law');
  const jurisdictions = [...new Set(laws.map((r) => r.jurisdiction ?? '—'))].sort((a, b) => (a === 'KZ' ? -1 : b === 'KZ' ? 1 : a.localeCompare(b)));
  return {
    laws: jurisdictions.map((j) => ({ jurisdiction: j, entries: laws.filter((r) => (r.jurisdiction ?? '—') === j).sort(byTitle) })),
    statements: rows.filter((r) => r.kind === 'statement').sort(byTitle),
    other: rows.filter((r) => r.kind === 'report' || r.kind === 'event').sort(byTitle),
    unknown: [...unknown].sort(),
  };
}

/** The table as Markdown. */
export function authoritiesMarkdown(t: AuthoritiesTable, memoName: string): string {
  const row = (a: Authority) => {
    const pins = a.pinpoints.length ? ` — ${a.pinpoints.join('; ')}` : '';
    const title = a.url ? `[${a.title}](${a.url})` : a.title;
    return `- ${title} (\`${a.id}\`; ${a.detail})${pins} — line${a.lines.length > 1 ? 's' : ''} ${a.lines.join(', ')}`;
  };
  const out = [`# Table of authorities: ${memoName}`, ''];
  if (t.laws.length) {
    out.push('## Laws', '');
    for (const g of t.laws) out.push(`### ${g.jurisdiction}`, '', ...g.entries.map(row), '');
  }
  if (t.statements.length) out.push('## Statements', '', ...t.statements.map(row), '');
  if (t.other.length) out.push('## Reports and events', '', ...t.other.map(row), '');
  if (t.unknown.length) out.push('## Not in the corpus', '', ...t.unknown.map((k) => `- \`${k}\``), '');
  if (!t.laws.length && !t.statements.length && !t.other.length && !t.unknown.length) out.push('_This memo cites no authorities._', '');
  return out.join('\n');
}
