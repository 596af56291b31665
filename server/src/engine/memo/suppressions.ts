/**
 * Suppression comments: `<!-- lexlens-disable-next-line rule -- reason -->`,
 * `<!-- lexlens-disable rule -->` … `<!-- lexlens-enable rule -->` (no rule: every rule),
 * and the same words after `#` in plain text.
 */
import type { RuleId, Span } from '../types.js';
import { isRuleId } from '../types.js';
import type { Comment } from './structure.js';

export interface Suppressions {
  /** True when findings of `rule` starting at `offset` are suppressed. */
  isSuppressed(rule: RuleId, offset: number): boolean;
}

interface Region {
  readonly rules: readonly RuleId[] | 'all';
  readonly span: Span;
}

function parseRules(list: string): RuleId[] | 'all' {
  const ids = list.split(/[\s,]+/).filter(Boolean);
  const rules = ids.filter(isRuleId);
  return ids.length === 0 ? 'all' : rules;
}

/** Reads the suppression regions of a memo from its comments. */
export function readSuppressions(text: string, comments: readonly Comment[]): Suppressions {
  const regions: Region[] = [];
  const open = new Map<string, number>();
  const sorted = [...comments].sort((a, b) => a.span.start - b.span.start);
  for (const c of sorted) {
    const m = /^\s*lexlens-(disable-next-line|disable-line|disable|enable)\b([^]*?)(?:--[^]*)?$/.exec(c.text);
    if (!m) continue;
    const rules = parseRules(m[2] ?? '');
    const keys = rules === 'all' ? ['*'] : rules;
    switch (m[1]) {
      case 'disable-next-line': {
        let lineEnd = text.indexOf('\n', c.span.end);
        if (lineEnd < 0) lineEnd = text.length;
        // the next line that has text
        let start = lineEnd + 1;
        while (start < text.length) {
          const e = text.indexOf('\n', start);
          const end = e < 0 ? text.length : e;
          if (text.slice(start, end).trim() !== '') {
            regions.push({ rules, span: { start, end } });
            break;
          }
          start = end + 1;
        }
        break;
      }
      case 'disable-line': {
        const s = text.lastIndexOf('\n', c.span.start - 1) + 1;
        const e = text.indexOf('\n', c.span.end);
        regions.push({ rules, span: { start: s, end: e < 0 ? text.length : e } });
        break;
      }
      case 'disable':
        for (const k of keys) if (!open.has(k)) open.set(k, c.span.end);
        break;
      case 'enable':
        for (const k of keys === undefined ? [] : keys) {
          const from = open.get(k);
          if (from !== undefined) {
            regions.push({ rules: k === '*' ? 'all' : [k as RuleId], span: { start: from, end: c.span.start } });
            open.delete(k);
          }
        }
        if (rules === 'all') {
          for (const [k, from] of open) regions.push({ rules: k === '*' ? 'all' : [k as RuleId], span: { start: from, end: c.span.start } });
          open.clear();
        }
        break;
    }
  }
  for (const [k, from] of open) regions.push({ rules: k === '*' ? 'all' : [k as RuleId], span: { start: from, end: text.length } });
  return {
    isSuppressed(rule, offset) {
      return regions.some((r) => offset >= r.span.start && offset <= r.span.end && (r.rules === 'all' || r.rules.includes(rule)));
    },
  };
}
