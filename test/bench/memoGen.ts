/**
 * Synthetic policy memos of an exact number of lines, in English, Russian and Kazakh mixed: a
 * front matter, sections with headings, paragraphs, lists, a table, a code block, footnotes and
 * a suppression comment; sentences with citations (with and without pinpoints, grouped, in-text),
 * law names in prose, short forms, cited and unsourced figures, and a few unknown keys and
 * pinpoints. Records where hovers make sense and where a completion is typed.
 */
import type { EntryInfo } from './corpusGen.js';
import { Rng } from './rng.js';

export interface Memo {
  readonly lines: number;
  /** The memo text with an empty completion prefix. */
  readonly text: string;
  /** Offset just after `[@` on the completion line; the typed prefix goes here. */
  readonly completionAt: number;
  /** Offsets worth hovering: citation keys, pinpoints, law names, short forms, plain prose. */
  readonly hoverAt: readonly number[];
  /** Offsets of word starts in prose, where a one-character edit is typed. */
  readonly editAt: readonly number[];
}

const PLAIN_EN = [
  'We recommend a phased approach to the reform.',
  'The working group met twice to discuss the draft.',
  'This section compares the regimes of neighbouring countries.',
  'Stakeholders raised concerns about proportionality.',
];
const PLAIN_RU = ['Рабочая группа обсудила проект дважды.', 'Предлагаем поэтапный подход к реформе.', 'В этом разделе сравниваются режимы соседних стран.'];
const PLAIN_KK = ['Жұмыс тобы жобаны екі рет талқылады.', 'Біз реформаға кезең-кезеңімен көшуді ұсынамыз.'];

function typo(s: string, rng: Rng): string {
  if (s.length < 4) return `${s}x`;
  const i = rng.int(1, s.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // swap
  if (kind === 1) return s.slice(0, i) + s.slice(i + 1); // drop
  return s.slice(0, i) + (s[i] === 'a' ? 'o' : 'a') + s.slice(i + 1); // substitute
}

/** Generates a memo of exactly `lineCount` lines citing entries of `pool` (a sample of the corpus). */
export function generateMemo(pool: readonly EntryInfo[], lineCount: number, seed: number): Memo {
  const rng = new Rng(seed);
  const laws = pool.filter((e) => e.kind === 'law' && e.articles.length > 0);
  const statements = pool.filter((e) => e.kind === 'statement' && e.figure);
  const lines: string[] = [];
  const hoverAt: number[] = [];
  const editAt: number[] = [];
  const footnotes: string[] = [];
  let offset = 0;
  let completionAt = -1;

  /** Appends a line; `marks` are [substring, kind] pairs whose offsets are recorded. */
  const push = (line: string, marks: readonly string[] = [], prose = false) => {
    for (const m of marks) {
      const i = line.indexOf(m);
      if (i >= 0) hoverAt.push(offset + i + Math.min(m.length - 1, 2));
    }
    if (prose) {
      for (let i = line.indexOf(' '); i >= 0 && i < line.length - 1; i = line.indexOf(' ', i + 1)) {
        if (/[\p{L}]/u.test(line[i + 1]!) && rng.chance(0.3)) editAt.push(offset + i + 1);
      }
    }
    lines.push(line);
    offset += line.length + 1;
  };

  const law = () => rng.pick(laws);
  const art = (e: EntryInfo) => rng.pick(e.articles).number;

  const sentence = (): { text: string; marks: string[] } => {
    const lang = rng.pick(['en', 'en', 'en', 'ru', 'ru', 'kk'] as const);
    const roll = rng.next();
    if (roll < 0.18) {
      const e = law();
      const a = art(e);
      const text =
        lang === 'en'
          ? `The owner of a platform must appoint a representative [@${e.id}, art. ${a}].`
          : lang === 'ru'
            ? `Собственник платформы обязан назначить представителя [@${e.id}, ст. ${a}].`
            : `Платформа иесі өкіл тағайындауға міндетті [@${e.id}, ${a}-бап].`;
      return { text, marks: [`@${e.id}`, `${a}]`] };
    }
    if (roll < 0.32) {
      const s = rng.pick(statements);
      const text = lang === 'ru' ? `По данным министерства, ${s.figure!.text} [@${s.id}].` : `According to the ministry, ${s.figure!.text} [@${s.id}].`;
      return { text, marks: [`@${s.id}`] };
    }
    if (roll < 0.42) {
      const e = law();
      const s = rng.pick(statements);
      return { text: `Both regimes were discussed [see @${e.id}, art. ${art(e)}; @${s.id}].`, marks: [`@${e.id}`, `@${s.id}`] };
    }
    if (roll < 0.5) {
      const e = law();
      return { text: `As @${e.id} sets out, the register is public.`, marks: [`@${e.id}`] };
    }
    if (roll < 0.6) {
      const e = law();
      if (lang === 'ru') {
        const t = `Законе «${e.title.ru}»`;
        return { text: `В ${t} закреплены новые обязанности.`, marks: [t] };
      }
      if (lang === 'kk') return { text: `${e.title.kk} заңы жаңа міндеттер белгілейді.`, marks: [e.title.kk] };
      return { text: `The ${e.word.en} Law sets new duties for platforms.`, marks: [`${e.word.en} Law`] };
    }
    if (roll < 0.66) {
      if (lang === 'ru') return { text: 'Указанный Закон вводит реестр операторов.', marks: ['Указанный Закон'] };
      if (lang === 'kk') return { text: 'Аталған заң операторлар тізілімін енгізеді.', marks: ['Аталған заң'] };
      return { text: rng.chance(0.5) ? 'The Law introduces a register of operators.' : 'Id. at 4.', marks: [rng.chance(0.5) ? 'the Law' : 'Id.'] };
    }
    if (roll < 0.78) {
      const n = rng.int(2, 40);
      if (lang === 'ru') return { text: `Более ${n} млн пользователей пострадали в 2023 году.`, marks: [] };
      if (lang === 'kk') return { text: `2023 жылы ${n} млн пайдаланушы зардап шекті.`, marks: [] };
      return { text: `More than ${n} million users were affected in 2023.`, marks: [] };
    }
    if (roll < 0.795) {
      const e = law();
      const bad = typo(e.id, rng);
      return { text: `This is also required elsewhere [@${bad}].`, marks: [`@${bad}`] };
    }
    if (roll < 0.81) {
      const e = law();
      return { text: `The rule is in the final provisions [@${e.id}, art. 999].`, marks: ['999'] };
    }
    if (roll < 0.84) {
      const n = footnotes.length + 1;
      const e = law();
      footnotes.push(`[^${n}]: See [@${e.id}, art. ${art(e)}].`);
      return { text: `The ban took effect in 2024.[^${n}]`, marks: [] };
    }
    const plain = lang === 'ru' ? rng.pick(PLAIN_RU) : lang === 'kk' ? rng.pick(PLAIN_KK) : rng.pick(PLAIN_EN);
    return { text: plain, marks: [plain.slice(0, 6)] };
  };

  // Reserve room at the end for footnote definitions (about one per 30 lines).
  const footnoteRoom = Math.max(2, Math.floor(lineCount / 30));
  const body = lineCount - footnoteRoom;
  push('---');
  push('title: Benchmark memo on platform regulation');
  push('date: 2024-06-01');
  push('---');
  push('');
  let section = 1;
  const completionLine = Math.floor(body / 2);
  while (lines.length < body) {
    const room = body - lines.length;
    if (completionAt < 0 && lines.length >= completionLine && room >= 2) {
      push('Compare [@');
      completionAt = offset - 1;
      push('');
      continue;
    }
    const roll = rng.next();
    if (roll < 0.08 && room >= 2) {
      push(`## ${section}. ${rng.pick(['Background', 'Обзор', 'Шолу', 'Comparison', 'Recommendations'])} ${section}`, [], false);
      push('');
      section++;
    } else if (roll < 0.12 && room >= 5) {
      push('| Country | Rule |');
      push('|---|---|');
      for (let i = 0; i < 2; i++) {
        const e = law();
        push(`| ${e.jurisdiction ?? 'KZ'} | Registration is mandatory [@${e.id}] |`, [`@${e.id}`]);
      }
      push('');
    } else if (roll < 0.14 && room >= 5) {
      push('```yaml');
      push('id: example-1 # 4 million figures here are not prose');
      push('kind: law');
      push('```');
      push('');
    } else if (roll < 0.15 && room >= 3) {
      push('<!-- lexlens-disable-next-line unsourced-claim -->');
      push('Around 70 percent of users are minors, by some estimates.', [], true);
      push('');
    } else if (roll < 0.3 && room >= 4) {
      const n = rng.int(2, Math.min(4, room - 1));
      for (let i = 0; i < n; i++) {
        const s = sentence();
        push(`- ${s.text}`, s.marks, true);
      }
      push('');
    } else {
      // A paragraph of one to four lines, each one or two sentences.
      const n = Math.max(1, Math.min(rng.int(1, 4), room - 1));
      for (let i = 0; i < n; i++) {
        const a = sentence();
        if (rng.chance(0.4)) {
          const b = sentence();
          push(`${a.text} ${b.text}`, [...a.marks, ...b.marks], true);
        } else push(a.text, a.marks, true);
      }
      if (lines.length < body) push('');
    }
  }
  while (lines.length < lineCount) {
    const f = footnotes.shift();
    push(f ?? '');
  }
  if (completionAt < 0) throw new Error(`memo of ${lineCount} lines has no completion line`);
  const text = lines.slice(0, lineCount).join('\n');
  return { lines: lineCount, text, completionAt, hoverAt: hoverAt.filter((o) => o < text.length), editAt: editAt.filter((o) => o < text.length) };
}

export { typo };
