/**
 * Engines over fixture corpora, and small helpers to write engine tests the way users meet the
 * features: a memo text, a cursor, and the edits a quick fix would make.
 */
import { loadCorpus, loadSchema } from '../../server/src/engine/corpus/source.js';
import type { SchemaValidator } from '../../server/src/engine/corpus/schema.js';
import type { Corpus } from '../../server/src/engine/corpus/corpus.js';
import { createEngine, type Diagnostic, type DocumentSnapshot, type Engine, type RuleConfig } from '../../server/src/engine/index.js';
import type { TextEdit } from '../../server/src/engine/features/codeActions.js';
import { dataDir, fixture } from './paths.js';

let schema: SchemaValidator | undefined;

/** The corpus JSON Schema that ships in data/schema, compiled once per test process. */
export function corpusSchema(): SchemaValidator {
  schema ??= loadSchema(dataDir);
  return schema;
}

/** Loads the corpus in the given folders or files (absolute paths), none of them bundled. */
export function loadFolders(...paths: string[]): Corpus {
  return loadCorpus(paths.map((p) => ({ path: p, bundled: false })), corpusSchema());
}

const engines = new Map<string, Engine>();

/** An engine over test/fixtures/corpus-unit, the small corpus the engine tests are written against. */
export function unitEngine(): Engine {
  return engineOver(fixture('corpus-unit'));
}

/** An engine over the bundled corpus in data/. */
export function bundledEngine(): Engine {
  let e = engines.get('bundled');
  if (!e) {
    e = createEngine(loadCorpus([{ path: dataDir, bundled: true }], corpusSchema()));
    engines.set('bundled', e);
  }
  return e;
}

/** An engine over one corpus folder, cached by path. */
export function engineOver(folder: string): Engine {
  let e = engines.get(folder);
  if (!e) {
    e = createEngine(loadFolders(folder));
    engines.set(folder, e);
  }
  return e;
}

/** A Markdown document snapshot. */
export function md(text: string): DocumentSnapshot {
  return { text, languageId: 'markdown' };
}

/** A plain-text document snapshot. */
export function plain(text: string): DocumentSnapshot {
  return { text, languageId: 'plaintext' };
}

/** The default rule configuration: every rule at its default severity. */
export const DEFAULTS: RuleConfig = { rules: {} };

/** Splits a text with one `‸` (the cursor) into the text without it and the cursor's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  if (offset < 0 || marked.indexOf('‸', offset + 1) >= 0) throw new Error('mark exactly one cursor with ‸');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The offset just inside the first occurrence of `needle` (plus `delta`), failing loudly when absent. */
export function offsetOf(text: string, needle: string, delta = 1): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  return i + delta;
}

/** Applies non-overlapping edits to a text, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** The diagnostics of a memo, as `[rule, covered text]` pairs in document order. */
export function findings(engine: Engine, doc: DocumentSnapshot, config: RuleConfig = DEFAULTS): [string, string][] {
  return engine.diagnostics(doc, config).map((d: Diagnostic) => [d.rule, doc.text.slice(d.span.start, d.span.end)]);
}

/** The rule ids of a memo's diagnostics, in document order. */
export function rulesOf(engine: Engine, doc: DocumentSnapshot, config: RuleConfig = DEFAULTS): string[] {
  return engine.diagnostics(doc, config).map((d) => d.rule);
}
