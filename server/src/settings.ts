/**
 * Settings per workspace folder: `.lexlens.yaml` in the folder (which wins) merged over the
 * `lexlens.*` settings the client reports for that folder. Cached per folder, cleared on change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigFile, parseSeverity, type ConfigFile, type RuleConfig } from './engine/config.js';
import type { CorpusRoot } from './engine/corpus/source.js';
import { readTextFile } from './engine/corpus/source.js';
import type { Finding, RuleId, SeveritySetting, Span } from './engine/types.js';
import { corpusText } from './engine/corpus/corpusMessages.js';
import { isRuleId } from './engine/types.js';

/** What the server needs to serve documents of one folder. */
export interface ResolvedSettings {
  readonly folder: string;
  readonly roots: readonly CorpusRoot[];
  readonly rules: RuleConfig;
  readonly languages: readonly string[];
  /** The `.lexlens.yaml` used, and its problems. */
  readonly configFile?: string;
  readonly configFindings: readonly Finding[];
  /** Corpus paths refused (outside the workspace in an untrusted workspace). */
  readonly refused: readonly string[];
}

/** The shape of the `lexlens` settings section. */
export interface ClientSettings {
  corpus?: { paths?: string[]; bundled?: boolean };
  rules?: Record<string, string>;
  languages?: string[];
  asOf?: string;
}

/**
 * A `.lexlens.yaml`'s problems as they stand: a corpus path it names that was missing when the
 * settings were read and exists now (the folder was made since) is no longer one.
 */
export function currentConfigFindings(s: ResolvedSettings): { findings: Finding[]; missing: string[] } {
  const missing: string[] = [];
  const findings = s.configFindings.filter((f) => {
    if (f.template?.key !== 'pathMissing') return true;
    const p = f.template.args[0]!;
    if (fs.existsSync(p)) return false;
    missing.push(p);
    return true;
  });
  return { findings, missing };
}

/** Converts client settings into the config-file shape. */
export function fromClientSettings(s: ClientSettings | undefined | null): ConfigFile {
  if (!s || typeof s !== 'object') return {};
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const [k, v] of Object.entries(s.rules ?? {})) {
    const sev = parseSeverity(v);
    if (isRuleId(k) && sev) rules[k] = sev;
  }
  return {
    ...(Array.isArray(s.corpus?.paths) ? { corpus: s.corpus.paths.filter((p) => typeof p === 'string') } : {}),
    ...(typeof s.corpus?.bundled === 'boolean' ? { bundledCorpus: s.corpus.bundled } : {}),
    rules,
    ...(Array.isArray(s.languages) ? { languages: s.languages } : {}),
    ...(typeof s.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.asOf) ? { asOf: s.asOf } : {}),
  };
}

/** Finds `.lexlens.yaml` in `dir` or, when `upward`, in the nearest folder above it. */
export function findConfigFile(dir: string, upward: boolean): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const f = path.join(d, '.lexlens.yaml');
    if (fs.existsSync(f)) return f;
    const parent = path.dirname(d);
    if (!upward || parent === d) return undefined;
    d = parent;
  }
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves the settings of a folder. `fileConfig` wins over `clientConfig` field by field; paths
 * are relative to the folder that holds `.lexlens.yaml` (or to the workspace folder).
 */
export function resolveSettings(options: { folder: string; clientConfig: ConfigFile; bundledDataDir: string; trusted: boolean; configFile?: string }): ResolvedSettings {
  const { folder, clientConfig, bundledDataDir, trusted } = options;
  let fileConfig: ConfigFile = {};
  let configFindings: Finding[] = [];
  let corpusSpans: Span[] = [];
  const configFile = options.configFile;
  if (configFile) {
    const text = readTextFile(configFile);
    if (text !== undefined) ({ config: fileConfig, findings: configFindings, corpusSpans } = parseConfigFile(text));
  }
  const base = configFile ? path.dirname(configFile) : folder;
  const merged: ConfigFile = { ...clientConfig, ...fileConfig, rules: { ...clientConfig.rules, ...fileConfig.rules } };
  const roots: CorpusRoot[] = [];
  if (merged.bundledCorpus !== false) roots.push({ path: bundledDataDir, bundled: true });
  const refused: string[] = [];
  const fromFile = new Map((fileConfig.corpus ?? []).map((p, k) => [p, corpusSpans[k]]));
  for (const p of merged.corpus ?? []) {
    const abs = path.resolve(fromFile.has(p) ? base : folder, p);
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      // The corpus loader reports a missing path; one written in .lexlens.yaml is reported there
      // too, where it can be corrected (see currentConfigFindings).
      const span = fromFile.get(p);
      if (span) configFindings.push({ rule: 'corpus-yaml', ...corpusText('pathMissing', [abs]), span });
    }
    if (!trusted && !inside(real, folder)) {
      refused.push(abs);
      continue;
    }
    roots.push({ path: abs, bundled: false, ...(trusted ? {} : { within: folder }) });
  }
  return {
    folder,
    roots,
    rules: { rules: merged.rules ?? {}, ...(merged.asOf ? { asOf: merged.asOf } : {}) },
    languages: merged.languages ?? ['markdown', 'plaintext'],
    ...(configFile ? { configFile } : {}),
    configFindings,
    refused,
  };
}
