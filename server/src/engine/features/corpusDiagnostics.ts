/** Corpus problems grouped by file, with severities applied (corpus-yaml, corpus-schema), in the config's language. */
import type { Corpus } from '../corpus/corpus.js';
import { corpusMessage } from '../corpus/corpusMessages.js';
import type { RuleConfig } from '../config.js';
import type { Diagnostic, Finding } from '../types.js';
import { applyConfig } from './diagnostics.js';

/** Every corpus file with its findings; files without findings map to an empty list. */
export function corpusDiagnostics(corpus: Corpus, config: RuleConfig): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of corpus.files) out.set(f.file, []);
  for (const f of corpus.findings) {
    const list = out.get(f.file) ?? [];
    list.push(...corpusFindingDiagnostics([f], config));
    out.set(f.file, list);
  }
  return out;
}

/** Findings of a corpus file or of `.lexlens.yaml` as diagnostics: severities applied, messages in the config's language. */
export function corpusFindingDiagnostics(findings: readonly Finding[], config: RuleConfig): Diagnostic[] {
  return applyConfig(findings, config).map((d) => ({ ...d, message: corpusMessage(d, config.locale) }));
}
