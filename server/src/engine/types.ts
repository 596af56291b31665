/**
 * Domain types shared by every engine feature. Spans are UTF-16 offsets into the text they
 * belong to (the same unit LSP and JavaScript strings use); conversion to lines and columns
 * happens once, at the edge (see `text.ts` and the adapters).
 */
import type { CorpusTemplate } from './corpus/corpusMessages.js';

/** A half-open range `[start, end)` of UTF-16 code-unit offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Severities in the order editors show them. `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Stable rule ids: SARIF `ruleId`, config keys and suppression comments use them. */
export const RULE_IDS = [
  'unknown-citation',
  'unknown-pinpoint',
  'unsourced-claim',
  'figure-mismatch',
  'quote-mismatch',
  'date-mismatch',
  'not-in-force',
  'uncited-law-mention',
  'unverified-source',
  'corpus-yaml',
  'corpus-schema',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** What each rule checks, with its default severity (SPEC §4). */
export interface RuleInfo {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  readonly description: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'unknown-citation', defaultSeverity: 'error', description: 'A cited key is not in the corpus.' },
  { id: 'unknown-pinpoint', defaultSeverity: 'error', description: 'The pinpoint names an article or paragraph the cited entry does not have.' },
  { id: 'unsourced-claim', defaultSeverity: 'warning', description: 'A sentence states a checkable fact and carries no citation that resolves.' },
  { id: 'figure-mismatch', defaultSeverity: 'warning', description: 'A cited sentence states a figure that the cited source does not state.' },
  { id: 'quote-mismatch', defaultSeverity: 'warning', description: 'Quoted text attributed to a cited statement does not match its recorded quote.' },
  { id: 'date-mismatch', defaultSeverity: 'warning', description: 'A cited sentence dates the event differently from the source.' },
  { id: 'not-in-force', defaultSeverity: 'warning', description: 'The cited law was repealed, superseded, not yet in force or only a draft at the memo\'s date.' },
  { id: 'uncited-law-mention', defaultSeverity: 'information', description: 'A law is named and not cited in the same sentence or paragraph.' },
  { id: 'unverified-source', defaultSeverity: 'hint', description: 'The cited entry or fact is marked unverified in the corpus.' },
  { id: 'corpus-yaml', defaultSeverity: 'error', description: 'A corpus file is not valid YAML, or is refused (too large, alias bomb, too deep).' },
  { id: 'corpus-schema', defaultSeverity: 'error', description: 'A corpus entry breaks the schema, repeats an id, or points to an id that does not exist.' },
];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

export function ruleInfo(id: RuleId): RuleInfo {
  const info = RULES.find((r) => r.id === id);
  if (!info) throw new Error(`unknown rule ${id}`);
  return info;
}

/** A problem found in a memo or a corpus file, before severity configuration is applied. */
export interface Finding {
  readonly rule: RuleId;
  readonly message: string;
  readonly span: Span;
  /** Rule-specific data that code actions dispatch on (never on the message text). */
  readonly data?: FindingData;
  /** A corpus finding's message as data, to be written in the reader's language (corpusMessages.ts). */
  readonly template?: CorpusTemplate;
}

/** Data attached to findings so that quick fixes need not re-derive it. */
export type FindingData =
  | { readonly kind: 'unknown-key'; readonly key: string; readonly suggestions: readonly string[] }
  | { readonly kind: 'claim'; readonly reasons: readonly string[] }
  | { readonly kind: 'cite-law'; readonly id: string }
  | { readonly kind: 'none' };

/** A finding with its configured severity, as reported to users. */
export interface Diagnostic extends Finding {
  readonly severity: Severity;
}

/** A finding that belongs to a corpus file (identified by its absolute path). */
export interface CorpusFinding extends Finding {
  readonly file: string;
}

/** Languages that memos and corpus text use. Others are allowed in data but not in UI. */
export type Lang = 'en' | 'ru' | 'kk';
