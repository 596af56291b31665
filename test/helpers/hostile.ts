/**
 * Hostile input for the robustness tests: a corpus folder where every file but one is refused
 * or broken, and memos that stress the reader. Small cases are committed under
 * test/fixtures/hostile; big, binary and file-system cases (a 6 MB file, 20,000 levels of
 * nesting, random bytes, symbolic-link loops, a 10 MB memo) are generated into a temporary folder
 * by the functions here, so that no large file is committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from './paths.js';

/** A generous bound against hangs; never a performance assertion. */
export const HANG_GUARD_MS = 20_000;

/** What a hostile corpus file must be answered with: a finding of `rule` at 1-based `line`:`column`. */
export interface ExpectedFinding {
  readonly file: string;
  readonly rule: 'corpus-yaml' | 'corpus-schema';
  readonly line: number;
  readonly column: number;
  readonly message: RegExp;
}

/** A seeded stream of bytes (a linear congruential generator), so the "random" file is the same every run. */
export function seededBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** The 1-based line and UTF-16 column of `offset` in `text` (CRLF, CR and LF each end a line). */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The offset (in the text a lossy UTF-8 decoder gives) of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0 && i + need < buf.length;
    for (let k = 1; ok && k <= need; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    // Overlong and out-of-range forms that a strict decoder refuses.
    if (ok && b === 0xe0) ok = buf[i + 1]! >= 0xa0;
    if (ok && b === 0xed) ok = buf[i + 1]! < 0xa0;
    if (ok && b === 0xf0) ok = buf[i + 1]! >= 0x90;
    if (ok && b === 0xf4) ok = buf[i + 1]! < 0x90;
    if (!ok) return new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf.subarray(0, i)).length;
    i += need + 1;
  }
  return -1;
}

/** Ids served by the good files of the hostile corpus (some hostile files hold a good entry too). */
export const GOOD_IDS = ['hostile-bom-law', 'hostile-crlf-law', 'hostile-good-law', 'hostile-good-statement'];

/**
 * Builds the hostile corpus in `dir` (an empty folder): the committed fixtures plus generated
 * files. Returns the finding each hostile file must get.
 */
export function makeHostileCorpus(dir: string): ExpectedFinding[] {
  fs.cpSync(fixture('hostile', 'corpus'), dir, { recursive: true });
  const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);

  const deepFlow = `# Nested 20,000 levels deep, from line 3.\n- id: hostile-deep-flow\n  title: ${'['.repeat(20_000)}x${']'.repeat(20_000)}\n`;
  write('deep-flow.yaml', deepFlow);
  const deepBlock = `# 20,000 sequences in sequences on line 2.\n${'- '.repeat(20_000)}x\n`;
  write('deep-block.yaml', deepBlock);
  write('huge.yaml', `# Over the 5 MB limit.\n${`# ${'x'.repeat(98)}\n`.repeat(60_000)}`);
  const random = seededBytes(64 * 1024, 20240422);
  write('random.yaml', random);
  const nul = '- id: hostile-nul\n  kind: law\u0000\n';
  write('nul.yaml', nul);
  fs.symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
  fs.symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
  fs.symlinkSync('no-such-target.yaml', path.join(dir, 'dangling.yaml'));
  // A folder that links back to the corpus root: read once, never followed round.
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.symlinkSync('..', path.join(dir, 'nested', 'again'), 'dir');

  const randomText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(random);
  const randomAt = lineCol(randomText, firstInvalidUtf8(random));
  const deepAt = deepFlow.indexOf('[') + 64;
  return [
    { file: 'alias-bomb.yaml', rule: 'corpus-yaml', line: 3, column: 10, message: /alias/ },
    { file: 'bom.yaml', rule: 'corpus-schema', line: 9, column: 9, message: /`kind` must be one of/ },
    { file: 'crlf.yaml', rule: 'corpus-schema', line: 9, column: 12, message: /2024-02-30.*not a real calendar date/ },
    { file: 'duplicate-keys.yaml', rule: 'corpus-yaml', line: 5, column: 3, message: /unique/ },
    { file: 'proto-keys.yaml', rule: 'corpus-schema', line: 6, column: 3, message: /`__proto__` is not a field/ },
    { file: 'proto-keys.yaml', rule: 'corpus-schema', line: 7, column: 3, message: /`constructor` is not a field/ },
    { file: 'proto-keys.yaml', rule: 'corpus-schema', line: 8, column: 3, message: /`prototype` is not a field/ },
    { file: 'unclosed.yaml', rule: 'corpus-yaml', line: 5, column: 1, message: /Invalid YAML/ },
    { file: 'deep-flow.yaml', rule: 'corpus-yaml', ...lineCol(deepFlow, deepAt), message: /nests deeper than 64 levels/ },
    { file: 'deep-block.yaml', rule: 'corpus-yaml', line: 2, column: 1, message: /nests deeper than 64 levels/ },
    { file: 'huge.yaml', rule: 'corpus-yaml', line: 1, column: 1, message: /over the 5 MB limit/ },
    { file: 'random.yaml', rule: 'corpus-yaml', ...randomAt, message: /not valid UTF-8/ },
    { file: 'nul.yaml', rule: 'corpus-yaml', ...lineCol(nul, nul.indexOf('\u0000')), message: /NUL byte/ },
    { file: 'loop-a.yaml', rule: 'corpus-yaml', line: 1, column: 1, message: /could not be read \(ELOOP\)/ },
    { file: 'loop-b.yaml', rule: 'corpus-yaml', line: 1, column: 1, message: /could not be read \(ELOOP\)/ },
    { file: 'dangling.yaml', rule: 'corpus-yaml', line: 1, column: 1, message: /could not be read \(ENOENT\)/ },
  ];
}

/** A hostile memo: its file name, its bytes, and a key it cites as unknown (whose position must be right). */
export interface HostileMemo {
  readonly name: string;
  readonly bytes: Buffer;
  /** Unknown keys cited in the memo, each of which must be reported at its UTF-16 position. */
  readonly unknownKeys: readonly string[];
}

const CITE = 'Platforms must appoint a representative [@hostile-good-law, art. 1]. ';

/** The hostile memos: the committed ones under test/fixtures/hostile/memos and the generated big ones. */
export function hostileMemos(): HostileMemo[] {
  const dir = fixture('hostile', 'memos');
  const committed = fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name));
      const keys = [...new TextDecoder('utf-8').decode(bytes).matchAll(/@(no-such-[a-z0-9-]+)/g)].map((m) => m[1]!);
      return { name, bytes, unknownKeys: keys };
    });
  const tenMb = `${CITE.repeat(Math.ceil(10_000_000 / CITE.length))}See [@no-such-key-at-the-end].`;
  const citations = Array.from({ length: 100_000 }, (_, i) => `[@hostile-good-law, art. 1]${i % 10 === 9 ? '\n\n' : ' '}`).join('') + 'And [@no-such-key-after-100000].\n';
  const word = `Platforms must comply ${'x'.repeat(1_000_000)} [@no-such-key-after-a-long-word].`;
  const ats = `Platforms must comply ${'@'.repeat(200_000)} [@no-such-key-after-at-signs].`;
  const nesting = [
    `${'> '.repeat(20_000)}Platforms must comply [@no-such-key-deep-quote].`,
    `${'- '.repeat(20_000)}Platforms must comply [@no-such-key-deep-list].`,
    `${'> - 1. '.repeat(5_000)}Platforms must comply [@no-such-key-deep-mixed].`,
    Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i % 200)}- item ${i} must comply`).join('\n') + ' [@no-such-key-indented-list].',
    `${'*'.repeat(20_000)}x${'*'.repeat(20_000)} [@no-such-key-deep-emphasis].`,
    `${'['.repeat(20_000)}x${']'.repeat(20_000)} [@no-such-key-deep-brackets].`,
  ].join('\n\n');
  const gen = (name: string, text: string, keys: string[]): HostileMemo => ({ name, bytes: Buffer.from(text, 'utf8'), unknownKeys: keys });
  return [
    ...committed,
    gen('ten-megabytes-on-one-line.md', tenMb, ['no-such-key-at-the-end']),
    gen('hundred-thousand-citations.md', citations, ['no-such-key-after-100000']),
    gen('one-long-word.md', word, ['no-such-key-after-a-long-word']),
    gen('at-signs.md', ats, ['no-such-key-after-at-signs']),
    gen('nul-bytes.md', 'Platforms\u0000must comply\u0000 [@no-such-key-after-nul].\n\n\u0000\u0000\n\n# \u0000 [@no-such-key-in-a-nul-heading]\n', ['no-such-key-after-nul', 'no-such-key-in-a-nul-heading']),
    gen('deep-nesting.md', nesting, ['no-such-key-deep-quote', 'no-such-key-deep-list', 'no-such-key-deep-mixed', 'no-such-key-indented-list', 'no-such-key-deep-emphasis', 'no-such-key-deep-brackets']),
    {
      name: 'invalid-utf8.md',
      bytes: Buffer.concat([Buffer.from('Platforms must '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]), Buffer.from(' comply [@no-such-key-after-bad-bytes].\n')]),
      unknownKeys: ['no-such-key-after-bad-bytes'],
    },
  ];
}

/** Writes the hostile memos into `dir`; returns their paths in the same order. */
export function writeHostileMemos(dir: string, memos: readonly HostileMemo[] = hostileMemos()): string[] {
  return memos.map((m) => {
    const file = path.join(dir, m.name);
    fs.writeFileSync(file, m.bytes);
    return file;
  });
}
