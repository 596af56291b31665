/**
 * Law names found in prose are the same however the matcher was built: from all laws at once,
 * from names prepared part by part (as worker threads prepare each corpus file's) and merged, or
 * from a snapshot passed through structured cloning and v8 serialization (as the cache stores it).
 */
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { describe, it } from 'node:test';
import { NameMatcher, prepareNames, type NameSnapshot, type NameSource } from '../../server/src/engine/search/names.js';
import { runSync } from '../../server/src/engine/slice.js';
import { CorpusStream } from '../bench/corpusGen.js';
import { Rng } from '../bench/rng.js';

const LAWS: NameSource[] = [
  {
    id: 'kz-online-platforms-2023',
    kind: 'law',
    jurisdiction: 'KZ',
    number: '18-VIII',
    title: { en: 'On Online Platforms and Online Advertising', ru: 'Об онлайн-платформах и онлайн-рекламе', kk: 'Онлайн-платформалар және онлайн-жарнама туралы' },
    aliases: { en: ['Online Platforms Law'], ru: ['Закон об онлайн-платформах'], kk: ['Онлайн-платформалар туралы заң'] },
  },
  { id: 'kz-communications-2004', kind: 'law', jurisdiction: 'KZ', number: '567-II', title: { en: 'On Communications', ru: 'О связи', kk: 'Байланыс туралы' }, aliases: { ru: ['Закон о связи'] } },
  {
    id: 'kz-personal-data-2013',
    kind: 'law',
    jurisdiction: 'KZ',
    number: '94-V',
    title: { en: 'On Personal Data and Their Protection', ru: 'О персональных данных и их защите', kk: 'Дербес деректер және оларды қорғау туралы' },
    aliases: {},
  },
  { id: 'uz-personal-data-2019', kind: 'law', jurisdiction: 'UZ', number: 'ЗРУ-547', title: { en: 'On Personal Data', ru: 'О персональных данных' }, aliases: { ru: ['Закон «О персональных данных»'] } },
  // Not a law: its title names nothing.
  { id: 'kz-communications-statement', kind: 'statement', jurisdiction: 'KZ', title: { en: 'Communications Statement' }, aliases: {} },
  { id: 'ru-personal-data-2006', kind: 'law', jurisdiction: 'RU', number: '152-ФЗ', title: { ru: 'О персональных данных' }, aliases: { en: ['Federal Law on Personal Data 🔒'] } },
  { id: 'eu-dsa-2022', kind: 'law', jurisdiction: 'EU', number: '2022/2065', title: { en: 'Digital Services Act' }, aliases: { en: ['DSA', 'Regulation (EU) 2022/2065'] } },
  { id: 'tr-internet-2007', kind: 'law', jurisdiction: 'TR', number: '5651', title: { en: 'Law on Regulation of Publications on the Internet' }, aliases: { en: ['Law No. 5651'] } },
];

/** The laws by id, as the index gives them to a matcher (the first law given for an id). */
function byId(laws: readonly NameSource[]): (id: string) => NameSource | undefined {
  return (id) => laws.find((e) => e.kind === 'law' && e.id === id);
}

/** Matchers over the same laws, built each way the server builds one. */
function builds(laws: readonly NameSource[], cuts: readonly number[]): Record<string, NameMatcher> {
  const parts = [0, ...cuts, laws.length].slice(1).map((end, k, ends) => laws.slice(k === 0 ? 0 : ends[k - 1], end));
  const once = new NameMatcher(laws);
  return {
    'built at once': once,
    'built in steps': runSync(NameMatcher.steps(laws)),
    'merged from prepared parts': runSync(NameMatcher.fromPrepared(parts.map((p) => structuredClone(prepareNames(p))), byId(laws))),
    'read from a cloned snapshot': NameMatcher.fromSnapshot(structuredClone(once.snapshot()), byId(laws)),
    'read from a stored snapshot': NameMatcher.fromSnapshot(v8.deserialize(v8.serialize(once.snapshot())) as NameSnapshot, byId(laws)),
  };
}

/** What a reader sees of each mention: the text it covers, its laws (best first) and the name it was found by. */
function seen(m: NameMatcher, text: string, base = 0): [string, readonly string[], string][] {
  return m.find(text, base).map((x) => [text.slice(x.span.start - base, x.span.end - base), x.ids, x.name]);
}

describe('law names in prose', () => {
  // Laws that share a name or begin another's title fall in different parts.
  const matchers = builds(LAWS, [2, 3, 5]);
  const expect = (text: string, mentions: [string, readonly string[], string][]) => {
    for (const [how, m] of Object.entries(matchers)) assert.deepEqual(seen(m, text), mentions, `${how}: ${text}`);
  };

  it('are found in inflected Russian and Kazakh forms, with the word for "law" next to them', () => {
    expect('Согласно Закона «Об онлайн-платформах и онлайн-рекламе» платформа назначает представителя.', [
      ['Закона «Об онлайн-платформах и онлайн-рекламе»', ['kz-online-platforms-2023'], 'Об онлайн-платформах и онлайн-рекламе'],
    ]);
    expect('Законом об онлайн-платформах установлены обязанности.', [['Законом об онлайн-платформах', ['kz-online-platforms-2023'], 'Закон об онлайн-платформах']]);
    expect('Законом «О связи» и в Законе о связи.', [
      ['Законом «О связи»', ['kz-communications-2004'], 'Закон о связи'],
      ['Законе о связи', ['kz-communications-2004'], 'Закон о связи'],
    ]);
    expect('«Онлайн-платформалар және онлайн-жарнама туралы» Заңға сәйкес өкіл тағайындалады.', [
      ['«Онлайн-платформалар және онлайн-жарнама туралы» Заңға', ['kz-online-platforms-2023'], 'Онлайн-платформалар және онлайн-жарнама туралы'],
    ]);
    expect('Онлайн-платформалар туралы заңның 9-бабы.', [['Онлайн-платформалар туралы заңның', ['kz-online-platforms-2023'], 'Онлайн-платформалар туралы заң']]);
    expect('Дербес деректер және оларды қорғау туралы Заңының 8-бабы.', [
      ['Дербес деректер және оларды қорғау туралы Заңының', ['kz-personal-data-2013'], 'Дербес деректер және оларды қорғау туралы'],
    ]);
  });

  it('are found by number, with the date-and-number designation around it', () => {
    expect('Закон РК от 10 июля 2023 года № 18-VIII вступил в силу.', [['Закон РК от 10 июля 2023 года № 18-VIII', ['kz-online-platforms-2023'], '№ 18-VIII']]);
    expect('Law No. 18-VIII of 10 July 2023 applies.', [['No. 18-VIII of 10 July 2023', ['kz-online-platforms-2023'], '№ 18-VIII']]);
    expect('Turkey blocks sites under Law No. 5651 and № 5651; 5651 alone is a number.', [
      ['Law No. 5651', ['tr-internet-2007'], 'Law No. 5651'],
      ['№ 5651', ['tr-internet-2007'], '№ 5651'],
    ]);
    expect('The DSA and Regulation (EU) 2022/2065 differ.', [
      ['DSA', ['eu-dsa-2022'], 'DSA'],
      ['Regulation (EU) 2022/2065', ['eu-dsa-2022'], 'Regulation (EU) 2022/2065'],
    ]);
  });

  it('name every law that shares them, the law of the country named nearest first', () => {
    expect('В Узбекистане действует Закон «О персональных данных».', [['Закон «О персональных данных»', ['uz-personal-data-2019', 'ru-personal-data-2006'], 'Закон «О персональных данных»']]);
    expect('В России действует Закон «О персональных данных».', [['Закон «О персональных данных»', ['ru-personal-data-2006', 'uz-personal-data-2019'], 'Закон «О персональных данных»']]);
    expect('В РК Закон о связи, а в Узбекистане Закон «О персональных данных».', [
      ['Закон о связи', ['kz-communications-2004'], 'Закон о связи'],
      ['Закон «О персональных данных»', ['uz-personal-data-2019', 'ru-personal-data-2006'], 'Закон «О персональных данных»'],
    ]);
  });

  it('that begin a longer title also name its law', () => {
    expect('In Kazakhstan, the Law "On Personal Data" is narrower.', [['Law "On Personal Data"', ['kz-personal-data-2013', 'uz-personal-data-2019'], 'On Personal Data']]);
    expect('Казахстанский Закон «О персональных данных и их защите» шире.', [['Закон «О персональных данных и их защите»', ['kz-personal-data-2013'], 'О персональных данных и их защите']]);
  });

  it('are not found in ordinary prose', () => {
    expect('О связи у нас плохо, and any new law on online platforms would help.', []);
    expect('The dsa in lower case, 5651 without its sign, a Communications Statement.', []);
  });

  it('are reported as the corpus writes them, characters outside the BMP included', () => {
    expect('The Federal Law on Personal Data 🔒 is Russian.', [['Federal Law on Personal Data', ['ru-personal-data-2006'], 'Federal Law on Personal Data 🔒']]);
  });

  it('have spans in the offsets of the document the text is taken from', () => {
    for (const [how, m] of Object.entries(matchers)) assert.deepEqual(seen(m, 'См. Закон о связи.', 120), [['Закон о связи', ['kz-communications-2004'], 'Закон о связи']], how);
  });
});

/** The laws of a synthetic corpus (the benchmark's), as the index reads them. */
function syntheticLaws(entries: number, seed: number): NameSource[] {
  const stream = new CorpusStream(seed);
  const laws: NameSource[] = [];
  for (let i = 0; i < entries; i++) {
    const { raw } = stream.next();
    if (raw['kind'] !== 'law') continue;
    const e = raw as unknown as NameSource;
    laws.push({ id: e.id, kind: 'law', jurisdiction: e.jurisdiction, title: e.title, aliases: e.aliases, ...(e.number ? { number: e.number } : {}) });
  }
  return laws;
}

/** Prose that names laws as memos do: in quotation marks or not, inflected, with numbers and countries. */
function sentences(laws: readonly NameSource[], n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const ru = ['а', 'у', 'ом', 'е', 'ах', 'ами', 'ой'];
  const kk = ['ға', 'ның', 'да', 'ы', 'мен', 'нің'];
  const inflect = (s: string, endings: readonly string[]) => s.replace(/\p{L}{4,}/gu, (w) => (rng.chance(0.3) ? w + rng.pick(endings) : w));
  const countries = ['', 'В Казахстане ', 'In Uzbekistan, ', "Russia's ", 'EU ', 'Қазақстан Республикасының ', 'Turkish '];
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const e = rng.pick(laws);
    const c = rng.pick(countries);
    const en = e.title['en'] ?? e.id;
    const ruTitle = e.title['ru'] ?? en;
    const kkTitle = e.title['kk'] ?? en;
    const options = [
      `${c}Закон «${ruTitle}» вводит реестр, а Законом ${inflect(ruTitle, ru)} установлено иное.`,
      `${c}«${kkTitle}» Заңға сәйкес, ${inflect(kkTitle, kk)} Заңының талаптары.`,
      `${c}the ${en} and Law "${en}" apply; ${en.toLowerCase()} does not.`,
      `${c}Закон РК от 10 июля 2023 года № ${e.number ?? '1-I'} и Law No. ${e.number ?? '1-I'} of 1 May 2020.`,
      `${c}${rng.pick(e.aliases['en'] ?? [en])}, ${rng.pick(e.aliases['ru'] ?? [ruTitle])} и ${rng.pick(e.aliases['kk'] ?? [kkTitle])}.`,
    ];
    out.push(rng.pick(options));
  }
  return out;
}

describe('a name matcher over a large corpus', () => {
  const laws = syntheticLaws(6000, 3);
  // Uneven parts, as corpus files are.
  const matchers = builds(laws, [1, 2, 500, 1200, 1201, 2000]);

  it('finds the same mentions however it was built', () => {
    const reference = matchers['built at once']!;
    let found = 0;
    let shared = 0;
    for (const text of sentences(laws, 1500, 4)) {
      const expected = seen(reference, text);
      found += expected.length;
      shared += expected.filter(([, ids]) => ids.length > 1).length;
      for (const [how, m] of Object.entries(matchers)) assert.deepEqual(seen(m, text), expected, `${how}: ${text}`);
    }
    assert.ok(found > 2000, `laws were found (${found})`);
    assert.ok(shared > 100, `names shared by several laws were found (${shared})`);
  });
});

describe('a name matcher snapshot', () => {
  it('is refused when it is not one of this layout', () => {
    assert.throws(() => NameMatcher.fromSnapshot({} as NameSnapshot, byId(LAWS)));
    // A snapshot from before the matcher was flat: one array item per name.
    const older = { sources: ['О связи'], stems: ['связ'], gaps: [null], flags: new Int32Array(1), ids: ['kz-communications-2004'], jurisdiction: [['kz-communications-2004', 'KZ']] };
    assert.throws(() => NameMatcher.fromSnapshot(older as unknown as NameSnapshot, byId(LAWS)));
    const good = new NameMatcher(LAWS).snapshot();
    assert.throws(() => NameMatcher.fromSnapshot({ ...good, names: { ...good.names, flags: new Uint8Array(1) } }, byId(LAWS)));
  });

  it('reports a found name as its law has it, in single spaces, or the law by id when the law is gone', () => {
    const media: NameSource = { id: 'kz-mass-media-2024', kind: 'law', jurisdiction: 'KZ', title: { en: 'On  Mass\nMedia' }, aliases: { ru: ['Закон о масс-медиа'] } };
    const snapshot = new NameMatcher([media]).snapshot();
    const text = 'The Law "On Mass Media" and the Закону о масс-медиа.';
    assert.deepEqual(seen(NameMatcher.fromSnapshot(snapshot, byId([media])), text).map(([, , name]) => name), ['On Mass Media', 'Закон о масс-медиа']);
    assert.deepEqual(seen(NameMatcher.fromSnapshot(snapshot, () => undefined), text).map(([, ids, name]) => [ids, name]), [
      [['kz-mass-media-2024'], 'kz-mass-media-2024'],
      [['kz-mass-media-2024'], 'kz-mass-media-2024'],
    ]);
  });

  it('of no laws finds nothing', () => {
    const empty = NameMatcher.fromSnapshot(structuredClone(new NameMatcher().snapshot()), byId([]));
    assert.deepEqual(empty.find('Закон о связи и Law No. 5651.', 0), []);
    assert.deepEqual(runSync(NameMatcher.fromPrepared([], byId([]))).find('Закон о связи.', 0), []);
  });
});
