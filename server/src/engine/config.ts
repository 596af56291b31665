/**
 * Configuration: `.lexlens.yaml` at a workspace root (read by the CLI and the server alike) and
 * the `lexlens.*` settings that mirror it. The file wins for a workspace that has one.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Finding, Lang, RuleId, Severity, SeveritySetting, Span } from './types.js';
import { isValidDate } from './corpus/build.js';
import { corpusText } from './corpus/corpusMessages.js';
import { isRuleId, ruleInfo } from './types.js';

/** The options `.lexlens.yaml` can set; every field optional. */
export interface ConfigFile {
  readonly corpus?: readonly string[];
  readonly bundledCorpus?: boolean;
  readonly rules?: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  readonly languages?: readonly string[];
  readonly asOf?: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** What the features need to know: the severities and the as-of date. */
export interface RuleConfig {
  readonly rules: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  /** `YYYY-MM-DD`; features fall back to the memo's front matter, then today. */
  readonly asOf?: string;
  /** The language findings are written in (the editor's display language); English when unset. */
  readonly locale?: Lang;
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];
const ALIASES: Record<string, SeveritySetting> = { info: 'information', warn: 'warning', none: 'off', false: 'off' };

/** Reads a severity setting ("warn" and "info" are accepted too). */
export function parseSeverity(v: unknown): SeveritySetting | undefined {
  const s = String(v).toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(s)) return s as SeveritySetting;
  return ALIASES[s];
}

/** The severity a rule has under a configuration, or `off`. */
export function severityOf(rule: RuleId, config: RuleConfig): SeveritySetting {
  return config.rules[rule] ?? ruleInfo(rule).defaultSeverity;
}

export function isEnabled(rule: RuleId, config: RuleConfig): boolean {
  return severityOf(rule, config) !== 'off';
}

export type { Severity };

/**
 * Parses `.lexlens.yaml`; problems come back as findings positioned in the file, and
 * `corpusSpans` gives where each of `config.corpus`'s paths is written.
 */
export function parseConfigFile(text: string): { config: ConfigFile; findings: Finding[]; corpusSpans: Span[] } {
  const findings: Finding[] = [];
  const corpusSpans: Span[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  for (const e of doc.errors) findings.push({ rule: 'corpus-yaml', ...corpusText('configYaml', [e.message.split('\n')[0]!, e.code]), span: { start: e.pos[0], end: e.pos[1] } });
  if (doc.errors.length || !isMap(doc.contents)) return { config: {}, findings, corpusSpans };
  const out: { -readonly [K in keyof ConfigFile]: ConfigFile[K] } = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const valueNode = pair.value;
    const span = (isScalar(pair.key) && pair.key.range ? { start: pair.key.range[0], end: pair.key.range[1] } : { start: 0, end: 0 });
    const bad = (what: 'configList' | 'configBoolean' | 'configDate' | 'configRules') => findings.push({ rule: 'corpus-schema', ...corpusText(what, [key]), span });
    // A list of strings, or one string, each with where it is written.
    const item = (n: unknown) => (isScalar(n) ? { text: String(n.value), span: n.range ? { start: n.range[0], end: n.range[1] } : span } : { text: '', span });
    const strings = () => (isSeq(valueNode) ? valueNode.items.map(item).filter((i) => i.text) : isScalar(valueNode) ? [item(valueNode)] : undefined);
    switch (key) {
      case 'corpus':
      case 'languages':
      case 'include':
      case 'exclude': {
        const list = strings();
        if (list) out[key] = list.map((i) => i.text);
        else bad('configList');
        if (list && key === 'corpus') corpusSpans.push(...list.map((i) => i.span));
        break;
      }
      case 'bundledCorpus':
        if (isScalar(valueNode) && typeof valueNode.value === 'boolean') out.bundledCorpus = valueNode.value;
        else bad('configBoolean');
        break;
      case 'asOf': {
        const v = isScalar(valueNode) ? String(valueNode.value) : '';
        if (/^\d{4}-\d{2}-\d{2}$/.test(v) && isValidDate(v)) out.asOf = v;
        else bad('configDate');
        break;
      }
      case 'rules': {
        const rules: Partial<Record<RuleId, SeveritySetting>> = {};
        if (!isMap(valueNode)) {
          bad('configRules');
          break;
        }
        for (const r of valueNode.items) {
          const id = isScalar(r.key) ? String(r.key.value) : '';
          const sev = isScalar(r.value) ? parseSeverity(r.value.value) : undefined;
          const rs = isScalar(r.key) && r.key.range ? { start: r.key.range[0], end: r.key.range[1] } : span;
          if (!isRuleId(id)) findings.push({ rule: 'corpus-schema', ...corpusText('configRule', [id]), span: rs });
          else if (!sev) findings.push({ rule: 'corpus-schema', ...corpusText('configSeverity', [id]), span: rs });
          else rules[id] = sev;
        }
        out.rules = rules;
        break;
      }
      default:
        findings.push({ rule: 'corpus-schema', ...corpusText('configOption', [key]), span });
    }
  }
  return { config: out, findings, corpusSpans };
}
