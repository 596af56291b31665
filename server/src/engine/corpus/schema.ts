/**
 * Validates parsed corpus data against the JSON Schema that ships in data/schema (the same file
 * the YAML extension uses, so editor and engine give one verdict), and turns ajv's errors into
 * sentences positioned at the offending key or value.
 */
import * as ajvModule from 'ajv';
import type { Finding, Span } from '../types.js';
import type { ParsedFile } from './parse.js';
import { corpusText, type CorpusText, type Subject } from './corpusMessages.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schemaPath: string;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvCtor = new (opts: object) => { compile(schema: object): ValidateFn };

/** A compiled corpus schema. */
export interface SchemaValidator {
  validate(parsed: ParsedFile): Finding[];
}

/** Whether no `minLength`/`maxLength` in `schema` is above 1. */
function lengthLimitsAtMostOne(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(lengthLimitsAtMostOne);
  if (typeof schema !== 'object' || schema === null) return true;
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'minLength' || k === 'maxLength') && typeof v === 'number' && v > 1) return false;
    if (!lengthLimitsAtMostOne(v)) return false;
  }
  return true;
}

/** ajv's logger, less its notice that the `unicode` option is deprecated. */
const ajvLogger = {
  log: (...args: unknown[]) => console.log(...args),
  warn: (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('DEPRECATED: option unicode'))) console.warn(...args);
  },
  error: (...args: unknown[]) => console.error(...args),
};

/** Compiles the corpus JSON Schema once; reuse the result for every file. */
export function compileSchema(schema: object): SchemaValidator {
  // ajv is CommonJS with a `default` export; take whichever shape the loader gives.
  const mod = ajvModule as unknown as { default?: AjvCtor & { default?: AjvCtor } };
  const Ajv = (mod.default?.default ?? mod.default ?? (mod as unknown as AjvCtor)) as AjvCtor;
  // ajv measures strings in code points for `minLength`/`maxLength`, walking every string it
  // checks; for limits of 0 or 1 (all the corpus schema has) a string's length in code units
  // gives the same verdict, and `unicode: false` has ajv read that length instead.
  const codeUnits = lengthLimitsAtMostOne(schema);
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, ...(codeUnits ? { unicode: false, logger: ajvLogger } : {}) });
  const validateFn = ajv.compile(schema);
  return {
    validate(parsed: ParsedFile): Finding[] {
      if (parsed.data === undefined) return [];
      if (validateFn(parsed.data)) return [];
      return humanize(validateFn.errors ?? [], parsed);
    },
  };
}

const BRANCH_KEYWORDS = new Set(['anyOf', 'oneOf', 'if', 'then', 'else', 'not']);

function humanize(errors: readonly AjvError[], parsed: ParsedFile): Finding[] {
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    const key = e.keyword === 'required' || e.keyword === 'additionalProperties' ? `${e.instancePath}#${e.keyword}${String(e.params.missingProperty ?? e.params.additionalProperty)}` : e.instancePath;
    const list = byPath.get(key) ?? [];
    list.push(e);
    byPath.set(key, list);
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // "must match then schema" and friends only repeat what a specific error already says.
  const specific = errors.some((e) => !BRANCH_KEYWORDS.has(e.keyword));
  for (const list of byPath.values()) {
    if (specific && list.every((e) => BRANCH_KEYWORDS.has(e.keyword))) continue;
    // Of the errors at one place keep the most specific: branch keywords and "wrong type"
    // from the alternative that did not apply only add noise.
    let chosen = list.filter((e) => !BRANCH_KEYWORDS.has(e.keyword));
    if (chosen.length > 1) {
      const notType = chosen.filter((e) => e.keyword !== 'type');
      if (notType.length > 0) chosen = notType;
    }
    if (chosen.length === 0) chosen = list.slice(0, 1);
    for (const e of chosen.slice(0, 1)) {
      const { message, template, span } = describe(e, parsed);
      const dedupe = `${span.start}:${message}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      findings.push({ rule: 'corpus-schema', message, template, span });
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}

function fieldName(pointer: string): string {
  const parts = pointer.split('/').filter(Boolean);
  const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  return named ? named.replace(/~1/g, '/').replace(/~0/g, '~') : 'entry';
}

function firstLineSpan(span: Span): Span {
  return { start: span.start, end: Math.max(span.start, Math.min(span.end, span.start + 80)) };
}

function describe(e: AjvError, parsed: ParsedFile): CorpusText & { span: Span } {
  const valueSpan = parsed.valueSpans.get(e.instancePath) ?? parsed.keySpans.get(e.instancePath) ?? { start: 0, end: 0 };
  const field = fieldName(e.instancePath);
  const where: Subject = /^\/\d+$/.test(e.instancePath) || e.instancePath === '' ? 'entry' : { field };
  const at = (text: CorpusText, span: Span = valueSpan) => ({ ...text, span });
  switch (e.keyword) {
    case 'required': {
      const what: Subject = e.instancePath === '' ? 'file' : /^\/\d+$/.test(e.instancePath) ? 'entry' : { field };
      return at(corpusText('missingField', [String(e.params.missingProperty)], what), firstLineSpan(valueSpan));
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const keySpan = parsed.keySpans.get(`${e.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`) ?? valueSpan;
      return at(corpusText('unknownField', [extra]), keySpan);
    }
    case 'enum':
      return at(corpusText('oneOf', [(e.params.allowedValues as unknown[] | undefined)?.map(String).join(', ') ?? ''], where));
    case 'pattern': {
      const pattern = String(e.params.pattern);
      if (pattern.includes('\\d{4}')) return at(corpusText('date', [], where));
      if (field === 'id' || field === 'related' || field === 'about' || pattern.startsWith('^[a-z0-9]')) return at(corpusText('key', [], where));
      return at(corpusText('form', [pattern], where));
    }
    case 'type':
      return at(corpusText('type', [String(e.params.type)], where));
    case 'minItems':
    case 'minProperties':
      return at(corpusText('empty', [], where));
    case 'const':
      return at(corpusText('constant', [JSON.stringify(e.params.allowedValue)], where));
    default:
      return at(corpusText('schema', [e.message ?? 'breaks the corpus schema'], where));
  }
}
