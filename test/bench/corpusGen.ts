/**
 * The synthetic corpus: a seeded stream of entries (laws with articles, paragraphs and duties;
 * statements with figures and quotes; a few reports and events), titles and summaries in
 * en/ru/kk, each entry with a made-up distinctive name so that title words identify it the way
 * real titles do. Entries only refer to earlier entries, so the first N entries of the stream are
 * a valid corpus of N entries: the largest corpus is generated once, in files of
 * FILE_ENTRIES entries, and each smaller size links to a prefix of those files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './rng.js';
import {
  ARTICLE_TITLES, FIRST_NAMES, JURISDICTIONS, OBJECTS, OUTLETS, QUALIFIERS, ROLES, ROMAN, SYLLABLES, TOPICS, UNITS, VENUES, WHAT, WHO, type Triplet,
} from './vocab.js';
import { yamlSequence, type YamlValue } from './yamlWrite.js';

export const FILE_ENTRIES = 500;

/** What the memo and query generators need to know about an entry (kept small). */
export interface EntryInfo {
  readonly idx: number;
  readonly id: string;
  readonly kind: 'law' | 'statement' | 'report' | 'event';
  readonly title: { readonly en: string; readonly ru: string; readonly kk: string };
  /** The entry's distinctive title word in each language. */
  readonly word: { readonly en: string; readonly ru: string; readonly kk: string };
  readonly articles: readonly { readonly number: string; readonly paragraphs: readonly string[] }[];
  readonly figure?: { readonly value: number; readonly unit: string; readonly text: string };
  readonly jurisdiction?: string;
}

type Raw = { [k: string]: YamlValue };

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A made-up name in the three scripts (2 to 4 syllables). */
function pseudoWord(rng: Rng): Triplet {
  const n = rng.chance(0.15) ? 2 : rng.chance(0.6) ? 3 : 4;
  let en = '';
  let ru = '';
  let kk = '';
  for (let i = 0; i < n; i++) {
    const s = rng.pick(SYLLABLES);
    en += s[0];
    ru += s[1];
    kk += s[2];
  }
  return [cap(en), cap(ru), cap(kk)];
}

function date(rng: Rng, from: number, to: number): string {
  const y = rng.int(from, to);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function figureText(value: number, unit: Triplet, q: (typeof QUALIFIERS)[number], year: number): { en: string; ru: string; kk: string } {
  const big = value >= 1_000_000;
  const n = big ? `${value / 1_000_000} million` : value.toLocaleString('en-US');
  const nRu = big ? `${String(value / 1_000_000).replace('.', ',')} млн` : String(value);
  const nKk = big ? `${String(value / 1_000_000).replace('.', ',')} млн` : String(value);
  return {
    en: `${q.en}${n} ${unit[0]} in ${year}`,
    ru: `${q.ru}${nRu} ${unit[1]} в ${year} году`,
    kk: `${year} жылы ${nKk} ${q.kk}${unit[2]}`,
  };
}

/** Generates entries one at a time. */
export class CorpusStream {
  private readonly rng: Rng;
  private readonly ids = new Set<string>();
  private readonly laws: string[] = [];
  private idx = 0;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base}-${i}`;
    this.ids.add(id);
    return id;
  }

  next(): { raw: Raw; info: EntryInfo } {
    const r = this.rng;
    const idx = this.idx++;
    const roll = r.next();
    // The first entries are laws, so statements always have something to be about.
    if (idx < 5 || roll < 0.45) return this.law(idx);
    if (roll < 0.9) return this.statement(idx);
    return this.other(idx, roll < 0.95 ? 'report' : 'event');
  }

  private law(idx: number): { raw: Raw; info: EntryInfo } {
    const r = this.rng;
    const topic = r.pick(TOPICS);
    const obj = r.pick(OBJECTS);
    const name = pseudoWord(r);
    const jur = r.pick(JURISDICTIONS);
    const year = r.int(1995, 2025);
    const id = this.uniqueId(`${jur}-${slug(name[0])}-${slug(topic[0])}-${year}`);
    const number = `${r.int(1, 400)}-${r.pick(ROMAN)}`;
    const title = {
      en: `On ${topic[0]} and the ${name[0]} ${obj[0]}`,
      ru: `О ${topic[1]} и ${obj[1]} ${name[1]}`,
      kk: `${cap(topic[2])} және ${name[2]} ${obj[2]} туралы`,
    };
    const nArticles = r.chance(0.5) ? 1 : 2;
    const articles: Raw[] = [];
    const infoArticles: { number: string; paragraphs: string[] }[] = [];
    let num = r.int(1, 3);
    for (let a = 0; a < nArticles; a++) {
      const aNumber = r.chance(0.15) ? `${num}-1` : String(num);
      num += r.int(1, 4);
      const at = r.pick(ARTICLE_TITLES);
      const paragraphs: Raw[] = [];
      const nParas = r.chance(0.8) ? 0 : r.int(1, 2);
      for (let p = 1; p <= nParas; p++) paragraphs.push({ number: String(p), summary: { en: `${at[0]} in the ${name[0]} ${obj[0].toLowerCase()}, point ${p}.` } });
      const who = r.pick(WHO);
      const what = r.pick(WHAT);
      articles.push({
        number: aNumber,
        title: { en: at[0], ru: at[1], ...(r.chance(0.3) ? { kk: at[2] } : {}) },
        summary: { en: `${who[0]} must ${what[0]}.`, ...(r.chance(0.3) ? { ru: `${who[1]} обязан ${what[1]}.` } : {}) },
        ...(r.chance(0.15) ? { duties: [{ who: { en: who[0], ru: who[1] }, what: { en: what[0], ru: what[1] } }] } : {}),
        ...(paragraphs.length ? { paragraphs } : {}),
      });
      infoArticles.push({ number: aNumber, paragraphs: paragraphs.map((p) => String(p.number)) });
    }
    const related = this.laws.length > 0 && r.chance(0.3) ? [r.pick(this.laws)] : undefined;
    const status = r.pick(['in-force', 'in-force', 'in-force', 'amended', 'repealed', 'draft']);
    const raw: Raw = {
      id,
      kind: 'law',
      type: r.pick(['law', 'law', 'law', 'code', 'regulation', 'order']),
      title,
      aliases: { en: [`${name[0]} Law`, `Law No. ${number}`], ru: [`Закон о ${topic[1]} ${name[1]}`], kk: [`${name[2]} туралы заң`] },
      jurisdiction: jur.toUpperCase(),
      number,
      adopted: date(r, year, year),
      in_force: date(r, year, Math.min(2026, year + 1)),
      status,
      urls: [{ url: `https://adilet.zan.kz/rus/docs/Z${String(100000 + idx)}`, kind: 'official', language: 'ru' }],
      summary: {
        en: `Sets the ${name[0]} ${obj[0].toLowerCase()} for ${topic[0].toLowerCase()} and the duties of those who run it.`,
        ru: `Устанавливает ${obj[1]} ${name[1]} в сфере ${topic[1]} и обязанности операторов.`,
        kk: `${cap(topic[2])} саласындағы ${name[2]} ${obj[2]} белгілейді.`,
      },
      verification: { level: r.pick(['read', 'secondary', 'unverified']) },
      ...(related ? { related } : {}),
      articles,
    };
    this.laws.push(id);
    return { raw, info: { idx, id, kind: 'law', title, word: { en: name[0], ru: name[1], kk: name[2] }, articles: infoArticles, jurisdiction: jur.toUpperCase() } };
  }

  private statement(idx: number): { raw: Raw; info: EntryInfo } {
    const r = this.rng;
    const first = r.pick(FIRST_NAMES);
    const sur = pseudoWord(r);
    const female = r.chance(0.5);
    const surname: Triplet = [`${sur[0]}${female ? 'ova' : 'ov'}`, `${sur[1]}${female ? 'ова' : 'ов'}`, `${sur[2]}${female ? 'ова' : 'ов'}`];
    const topic = r.pick(TOPICS);
    const d = date(r, 2015, 2025);
    const id = this.uniqueId(`${slug(surname[0])}-${d}`);
    const title = {
      en: `${first[0]} ${surname[0]} on ${topic[0]}`,
      ru: `${first[1]} ${surname[1]} о ${topic[1]}`,
      kk: `${first[2]} ${surname[2]} ${topic[2]} туралы`,
    };
    const unit = r.pick(UNITS);
    const q = r.pick(QUALIFIERS);
    const year = Number(d.slice(0, 4));
    const figures: Raw[] = [];
    let firstFigure: EntryInfo['figure'];
    for (let f = 0, n = r.chance(0.7) ? 1 : 2; f < n; f++) {
      const value = r.chance(0.5) ? r.int(1, 40) * 100_000 : r.int(100, 99_000);
      const u = f === 0 ? unit : r.pick(UNITS);
      const text = figureText(value, u, q, year - 1);
      figures.push({ value, unit: u[0], qualifier: q.q, text: { en: text.en, ru: text.ru }, year: year - 1 });
      if (f === 0) firstFigure = { value, unit: u[0], text: text.en };
    }
    const what = r.pick(WHAT);
    const raw: Raw = {
      id,
      kind: 'statement',
      form: r.pick(['speech', 'interview', 'press-release', 'inquiry']),
      title,
      speaker: `${first[0]} ${surname[0]}`,
      role: (() => {
        const role = r.pick(ROLES);
        return { en: role[0] };
      })(),
      date: d,
      venue: (() => {
        const v = r.pick(VENUES);
        return { en: v[0] };
      })(),
      outlet: r.pick(OUTLETS),
      language: 'ru',
      quote: { text: `Платформы должны ${what[1]}`, language: 'ru' },
      summary: {
        en: `${first[0]} ${surname[0]} spoke about ${topic[0].toLowerCase()} and gave figures.`,
        ru: `${first[1]} ${surname[1]} высказался о ${topic[1]} и привел цифры.`,
        kk: `${first[2]} ${surname[2]} ${topic[2]} туралы айтты.`,
      },
      verification: { level: r.pick(['read', 'secondary', 'unverified']) },
      figures,
      about: [r.pick(this.laws)],
    };
    return { raw, info: { idx, id, kind: 'statement', title, word: { en: surname[0], ru: surname[1], kk: surname[2] }, articles: [], ...(firstFigure ? { figure: firstFigure } : {}) } };
  }

  private other(idx: number, kind: 'report' | 'event'): { raw: Raw; info: EntryInfo } {
    const r = this.rng;
    const name = pseudoWord(r);
    const topic = r.pick(TOPICS);
    const d = date(r, 2010, 2025);
    const id = this.uniqueId(`${slug(name[0])}-${kind}-${d.slice(0, 4)}`);
    const title =
      kind === 'report'
        ? { en: `${name[0]} Report on ${topic[0]}`, ru: `Доклад ${name[1]} о ${topic[1]}`, kk: `${name[2]} ${topic[2]} туралы баяндамасы` }
        : { en: `${name[0]} Restrictions on ${topic[0]}`, ru: `Ограничения ${name[1]} в сфере ${topic[1]}`, kk: `${name[2]} ${topic[2]} шектеулері` };
    const raw: Raw = {
      id,
      kind,
      title,
      date: d,
      ...(kind === 'report' ? { publisher: `${name[0]} Institute` } : {}),
      summary: { en: `What the ${name[0]} ${kind} says about ${topic[0].toLowerCase()}.`, ru: `О чем ${kind === 'report' ? 'доклад' : 'событие'} ${name[1]}.` },
      verification: { level: 'secondary' },
      about: [r.pick(this.laws)],
    };
    return { raw, info: { idx, id, kind, title, word: { en: name[0], ru: name[1], kk: name[2] }, articles: [] } };
  }
}

export interface GeneratedCorpus {
  /** Folder holding every part file (`part-0001.yaml` …) of the largest corpus. */
  readonly allDir: string;
  /** Folder holding the same parts as JSON (for the JSON.parse floor). */
  readonly jsonDir: string;
  readonly infos: readonly EntryInfo[];
  readonly yamlBytes: number;
}

/** Writes `total` entries as YAML (and JSON) part files under `root`. */
export function generateCorpus(root: string, total: number, seed: number): GeneratedCorpus {
  const allDir = path.join(root, 'parts');
  const jsonDir = path.join(root, 'json');
  fs.mkdirSync(allDir, { recursive: true });
  fs.mkdirSync(jsonDir, { recursive: true });
  const stream = new CorpusStream(seed);
  const infos: EntryInfo[] = [];
  let yamlBytes = 0;
  for (let part = 0; part * FILE_ENTRIES < total; part++) {
    const raws: Raw[] = [];
    for (let i = 0; i < FILE_ENTRIES && part * FILE_ENTRIES + i < total; i++) {
      const { raw, info } = stream.next();
      raws.push(raw);
      infos.push(info);
    }
    const name = `part-${String(part + 1).padStart(4, '0')}`;
    const yaml = yamlSequence(raws, `# LexLens benchmark corpus (synthetic, seed ${seed}), part ${part + 1}\n`);
    yamlBytes += Buffer.byteLength(yaml);
    fs.writeFileSync(path.join(allDir, `${name}.yaml`), yaml);
    fs.writeFileSync(path.join(jsonDir, `${name}.json`), JSON.stringify(raws));
  }
  return { allDir, jsonDir, infos, yamlBytes };
}

/** A corpus folder of the first `n` entries: symbolic links to the first part files. */
export function corpusOfSize(gen: GeneratedCorpus, root: string, n: number): { dir: string; jsonFiles: string[] } {
  const dir = path.join(root, `corpus-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const parts = Math.ceil(n / FILE_ENTRIES);
  const jsonFiles: string[] = [];
  for (let p = 1; p <= parts; p++) {
    const name = `part-${String(p).padStart(4, '0')}`;
    const link = path.join(dir, `${name}.yaml`);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(gen.allDir, `${name}.yaml`), link);
    jsonFiles.push(path.join(gen.jsonDir, `${name}.json`));
  }
  return { dir, jsonFiles };
}

/** A corpus where every entry has the same title (robustness check). */
export function generateSameTitleCorpus(dir: string, n: number, seed: number): EntryInfo[] {
  fs.mkdirSync(dir, { recursive: true });
  const stream = new CorpusStream(seed);
  const title = { en: 'On Online Platforms and Online Advertising', ru: 'Об онлайн-платформах и онлайн-рекламе', kk: 'Онлайн-платформалар және онлайн-жарнама туралы' };
  const infos: EntryInfo[] = [];
  for (let part = 0; part * FILE_ENTRIES < n; part++) {
    const raws: Raw[] = [];
    for (let i = 0; i < FILE_ENTRIES && part * FILE_ENTRIES + i < n; i++) {
      const { raw, info } = stream.next();
      raw.title = title;
      if (raw.aliases) raw.aliases = { en: ['Online Platforms Law'], ru: ['Закон об онлайн-платформах'] };
      raws.push(raw);
      infos.push({ ...info, title });
    }
    fs.writeFileSync(path.join(dir, `same-${String(part + 1).padStart(4, '0')}.yaml`), yamlSequence(raws));
  }
  return infos;
}
