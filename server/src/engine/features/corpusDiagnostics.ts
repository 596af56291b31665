/** Corpus problems grouped by file, with severities applied (corpus-yaml, corpus-schema). */
import type { Corpus } from '../corpus/corpus.js';
import type { RuleConfig } from '../config.js';
import type { Diagnostic } from '../types.js';
import { applyConfig } from './diagnostics.js';

/** Every corpus file with its findings; files without findings map to an empty list. */
export function corpusDiagnostics(corpus: Corpus, config: RuleConfig): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of corpus.files) out.set(f.file, []);
  for (const f of corpus.findings) {
    const list = out.get(f.file) ?? [];
    list.push(...applyConfig([f], config));
    out.set(f.file, list);
  }
  return out;
}
