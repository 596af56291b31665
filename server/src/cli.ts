/**
 * The `lexlens` command: `check` memos, `corpus validate` corpus files. A thin adapter over the
 * same engine the language server uses. Exit status: 0 clean, 1 findings that fail the run,
 * 2 the run itself failed (bad arguments, unreadable file), with one line on stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfigFile, type ConfigFile, type RuleConfig } from './engine/config.js';
import { isValidDate } from './engine/corpus/build.js';
import { loadCorpus, loadSchema, type CorpusRoot } from './engine/corpus/source.js';
import { corpusCache } from './cacheConfig.js';
import { authoritiesMarkdown } from './engine/features/authorities.js';
import { cslJson } from './engine/features/cslJson.js';
import { corpusDiagnostics } from './engine/features/corpusDiagnostics.js';
import { RULES, type Diagnostic, type Engine } from './engine/index.js';
import { Corpora } from './corpora.js';
import { loadProgress } from './progress.js';
import { LineIndex } from './engine/text.js';
import { bundledDataDir } from './paths.js';
import { toLang } from './engine/diagnosticMessages.js';
import { corpusMessage } from './engine/corpus/corpusMessages.js';
import type { Lang } from './engine/types.js';
import { findConfigFile } from './settings.js';

const VERSION = '0.1.0';

class UsageError extends Error {}

const HELP = `Usage: lexlens <command> [options]

Commands:
  check [options] <files or globs>   check memos and print findings
  corpus validate [--locale en|ru|kk] [paths]
                                     validate corpus files (default: the bundled corpus)
  authorities [--format markdown|json] [--corpus <path>] <memo>
                                     table of authorities of a memo
  export --format csl-json [--cited-in <memo>] [--corpus <path>]
                                     corpus entries as CSL-JSON (pandoc --citeproc, Zotero)

Options for check:
  --format text|json|sarif   output format (default: text)
  --corpus <path>            add a corpus file or folder (repeatable)
  --no-bundled-corpus        do not read the corpus shipped with LexLens
  --config <file>            read this .lexlens.yaml (default: the nearest one above the current folder)
  --max-warnings <n>         exit 1 when there are more warnings than n
  --as-of <YYYY-MM-DD>       date at which laws are checked for being in force
  --locale en|ru|kk          language of the messages (default: from LANG)
  --no-cache                 parse every corpus file (default: read unchanged files back from
                             the cache in $LEXLENS_CACHE_DIR or ~/.cache/lexlens)
`;

/** One reported problem with its file and 1-based position. */
interface Row {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly d: Diagnostic;
}

function rowsFor(file: string, text: string, diags: readonly Diagnostic[]): Row[] {
  const lines = new LineIndex(text);
  return diags.map((d) => {
    const s = lines.lineCol(d.span.start);
    const e = lines.lineCol(d.span.end);
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, d };
  });
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 32) return;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.name === 'node_modules' || d.name.startsWith('.')) continue;
    const full = path.join(dir, d.name);
    if (d.isDirectory()) walk(full, out, depth + 1);
    else if (d.isFile()) out.push(full);
  }
}

/** Expands files, folders and globs into a sorted list of memo files. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const norm = input.split(path.sep).join('/');
      const staticPart = norm.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => /[*?]/.test(p)));
      const base = staticPart.length ? staticPart.join('/') : '.';
      // An absolute pattern is matched against absolute paths, a relative one against paths from here.
      const absolute = path.isAbsolute(input);
      const re = globToRegExp(absolute ? norm : norm.replace(/^\.\//, ''));
      const files: string[] = [];
      if (fs.existsSync(base)) walk(base, files);
      const matched = files.filter((f) => re.test((absolute ? path.resolve(f) : path.relative('.', f)).split(path.sep).join('/')));
      // A pattern that matches nothing is a mistake (a typo would otherwise pass in CI unnoticed).
      if (matched.length === 0) throw new UsageError(`no files match ${input}`);
      for (const f of matched) out.add(f);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch {
      throw new UsageError(`cannot read ${input}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const files: string[] = [];
      walk(input, files);
      const memos = files.filter((f) => /\.(md|markdown|txt)$/i.test(f));
      if (memos.length === 0) throw new UsageError(`no memos (.md, .markdown, .txt) in ${input}`);
      for (const f of memos) out.add(f);
    } else out.add(input);
  }
  return [...out].sort();
}

function readMemo(file: string): string {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return new TextDecoder('utf-8').decode(buf); // invalid bytes become U+FFFD; positions stay UTF-16
}

function languageOf(file: string): string {
  return /\.(md|markdown|mdown|mkd)$/i.test(file) ? 'markdown' : 'plaintext';
}

/**
 * Reads `--config`, else the nearest `.lexlens.yaml` at or above `from` (the first memo's folder,
 * as ESLint looks from the file it checks), else above the current folder.
 */
function readConfig(explicit: string | undefined, from: string | undefined, locale: Lang | undefined): { config: ConfigFile; dir: string } {
  const file = explicit ?? (from !== undefined ? findConfigFile(from, true) : undefined) ?? findConfigFile(process.cwd(), true);
  if (!file) return { config: {}, dir: process.cwd() };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const { config, findings } = parseConfigFile(text);
  if (findings.length) {
    const lines = new LineIndex(text);
    const f = findings[0]!;
    const p = lines.lineCol(f.span.start);
    throw new UsageError(`${file}:${p.line}:${p.column} ${corpusMessage(f, locale)}`);
  }
  return { config, dir: path.dirname(path.resolve(file)) };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function sarif(rows: readonly Row[]): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'LexLens',
            version: VERSION,
            informationUri: 'https://example.invalid/lexlens',
            rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.description }, defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] } })),
          },
        },
        results: rows.map((r) => ({
          ruleId: r.d.rule,
          ruleIndex: RULES.findIndex((x) => x.id === r.d.rule),
          level: SARIF_LEVEL[r.d.severity],
          message: { text: r.d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToFileURL(path.resolve(r.file)).toString() },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function print(rows: readonly Row[], format: string): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows.map((r) => ({ file: r.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, severity: r.d.severity, rule: r.d.rule, message: r.d.message })), null, 2)}\n`);
  } else if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(sarif(rows), null, 2)}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.d.severity} ${r.d.rule} ${r.d.message}\n`);
    const counted = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
    const of = (severity: string) => rows.filter((r) => r.d.severity === severity).length;
    if (rows.length) process.stdout.write(`\n${counted(rows.length, 'problem')} (${counted(of('error'), 'error')}, ${counted(of('warning'), 'warning')}, ${counted(of('information'), 'info')}, ${counted(of('hint'), 'hint')})\n`);
  }
}

function corpusRows(findingsByFile: Map<string, Diagnostic[]>): Row[] {
  const rows: Row[] = [];
  for (const [file, diags] of findingsByFile) {
    if (!diags.length) continue;
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // positions fall back to 1:1
    }
    rows.push(...rowsFor(path.relative(process.cwd(), file) || file, text, diags));
  }
  return rows;
}

/** The bundled corpus (unless turned off), then the config's folders, then `--corpus` paths. */
function corpusRoots(dataDir: string, bundled: boolean, fromConfig: readonly string[], fromArgs: readonly string[]): CorpusRoot[] {
  return [...(bundled ? [{ path: dataDir, bundled: true }] : []), ...[...fromConfig, ...fromArgs].map((p) => ({ path: path.resolve(p), bundled: false }))];
}

/**
 * The engine over a corpus, loaded as the language server loads it (corpora.ts): the stored
 * corpus when the files are unchanged since it was stored, else every file read (unchanged ones
 * back from the cache, the others parsed by worker threads) and the corpus stored for next time.
 * `--no-cache` or LEXLENS_CACHE_DIR=off turn the cache off (and with it the threads: see
 * source.ts). A load that takes a while shows its progress on a terminal.
 */
async function openEngine(roots: readonly CorpusRoot[], dataDir: string, noCache = false): Promise<Engine> {
  const cache = noCache ? undefined : corpusCache();
  const progress = loadProgress(process.stderr);
  try {
    return await new Corpora(dataDir, cache, progress.report).get(roots);
  } finally {
    progress.end();
    if (cache?.stats.error) process.stderr.write(`lexlens: ${cache.stats.error}\n`);
  }
}

async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      corpus: { type: 'string', multiple: true, default: [] },
      'no-bundled-corpus': { type: 'boolean', default: false },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      'as-of': { type: 'string' },
      locale: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    },
  });
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format ${format} (use text, json or sarif)`);
  if (positionals.length === 0) throw new UsageError('no files given; usage: lexlens check [options] <files or globs>');
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError('--max-warnings takes a whole number');
  const asOf = values['as-of'];
  if (asOf !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(asOf) && isValidDate(asOf))) throw new UsageError(`--as-of takes a real date written YYYY-MM-DD, not ${asOf}`);

  const files = expandInputs(positionals);
  const locale = localeOf(values.locale);
  const { config, dir } = readConfig(values.config, files[0] ? path.dirname(path.resolve(files[0])) : undefined, locale);
  const dataDir = bundledDataDir();
  const roots = corpusRoots(dataDir, !values['no-bundled-corpus'] && config.bundledCorpus !== false, (config.corpus ?? []).map((p) => path.resolve(dir, p)), values.corpus ?? []);
  const memos = files.map((f) => ({ file: f, text: readMemo(f) }));

  const engine = await openEngine(roots, dataDir, values['no-cache']);
  const rules: RuleConfig = { rules: config.rules ?? {}, ...(asOf ?? config.asOf ? { asOf: (asOf ?? config.asOf)! } : {}), ...(locale ? { locale } : {}) };
  const rows: Row[] = corpusRows(engine.corpusDiagnostics(rules));
  for (const m of memos) rows.push(...rowsFor(m.file, m.text, engine.diagnostics({ text: m.text, languageId: languageOf(m.file) }, rules)));
  print(rows, format);
  const errors = rows.filter((r) => r.d.severity === 'error').length;
  const warnings = rows.filter((r) => r.d.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

/** Findings are written in the language of --locale, else of the environment (LC_ALL, LC_MESSAGES, LANG). */
function localeOf(flag: string | undefined): Lang | undefined {
  return toLang(flag ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
}

function corpusValidate(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, locale: { type: 'string' } } });
  if (!['text', 'json', 'sarif'].includes(values.format!)) throw new UsageError(`unknown --format ${values.format} (use text, json or sarif)`);
  const dataDir = bundledDataDir();
  const roots: CorpusRoot[] = positionals.length ? positionals.map((p) => ({ path: path.resolve(p), bundled: false })) : [{ path: dataDir, bundled: true }];
  const corpus = loadCorpus(roots, loadSchema(dataDir));
  const locale = localeOf(values.locale);
  const rows = corpusRows(corpusDiagnostics(corpus, { rules: {}, ...(locale ? { locale } : {}) }));
  print(rows, values.format!);
  if (values.format === 'text') process.stderr.write(`${corpus.files.length} file${corpus.files.length === 1 ? '' : 's'}, ${corpus.ids.length} entries, ${rows.length} problem${rows.length === 1 ? '' : 's'}\n`);
  return rows.some((r) => r.d.severity === 'error') ? 1 : 0;
}

async function authoritiesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'markdown' },
      corpus: { type: 'string', multiple: true, default: [] },
      'no-bundled-corpus': { type: 'boolean', default: false },
      config: { type: 'string' },
    },
  });
  if (values.format !== 'markdown' && values.format !== 'json') throw new UsageError(`unknown --format ${values.format} (use markdown or json)`);
  if (positionals.length !== 1) throw new UsageError('usage: lexlens authorities [--format markdown|json] <memo>');
  const file = positionals[0]!;
  const text = readMemo(file);
  const { config, dir } = readConfig(values.config, path.dirname(path.resolve(file)), localeOf(undefined));
  const dataDir = bundledDataDir();
  const roots = corpusRoots(dataDir, !values['no-bundled-corpus'] && config.bundledCorpus !== false, (config.corpus ?? []).map((p) => path.resolve(dir, p)), values.corpus ?? []);
  const engine = await openEngine(roots, dataDir);
  const table = engine.authorities({ text, languageId: languageOf(file) });
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(table, null, 2)}\n` : authoritiesMarkdown(table, path.basename(file)));
  return 0;
}

async function exportCorpus(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'csl-json' },
      'cited-in': { type: 'string', multiple: true, default: [] },
      corpus: { type: 'string', multiple: true, default: [] },
      'no-bundled-corpus': { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
    },
  });
  if (values.format !== 'csl-json') throw new UsageError(`unknown --format ${values.format} (export supports csl-json)`);
  const dataDir = bundledDataDir();
  const roots = corpusRoots(dataDir, !values['no-bundled-corpus'], [], values.corpus ?? []);
  const engine = await openEngine(roots, dataDir);
  let entries = engine.corpus.entries;
  const memos = values['cited-in'] ?? [];
  if (memos.length) {
    const cited = new Set<string>();
    for (const file of memos) {
      const memo = engine.read({ text: readMemo(file), languageId: languageOf(file) });
      for (const c of memo.analysis.citations) for (const it of c.items) cited.add(it.key);
    }
    entries = entries.filter((e) => cited.has(e.id));
  }
  process.stdout.write(`${JSON.stringify(cslJson(entries, values.lang), null, 2)}\n`);
  return 0;
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === 'check') return await check(rest);
    if (command === 'corpus' && rest[0] === 'validate') return corpusValidate(rest.slice(1));
    if (command === 'export') return await exportCorpus(rest);
    if (command === 'authorities') return await authoritiesCommand(rest);
    throw new UsageError(`unknown command ${[command, ...rest.slice(0, 1)].join(' ')}; run lexlens --help`);
  } catch (e) {
    const message = e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`lexlens: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((status) => (process.exitCode = status));
