/**
 * The YAML library's explanations of syntax errors, said in Russian and Kazakh. The library writes
 * them in English and names the place ("Map keys must be unique at line 4, column 3:"); the
 * commonest are recognised here by their words and said again in the reader's language, at the
 * same line and column, and the others by the error's code, more briefly. What neither knows is
 * left in English.
 */

type Said = Readonly<Record<'ru' | 'kk', string>>;

/** Explanations by the library's words (its message without the place). */
const BY_WORDS: readonly (readonly [RegExp, (m: RegExpExecArray) => Said])[] = [
  [/^Map keys must be unique/, () => ({ ru: 'ключ повторяется: у ключей одного уровня должны быть разные имена', kk: 'кілт қайталанады: бір деңгейдегі кілттердің аттары әртүрлі болуы керек' })],
  [/^Tabs are not allowed as indentation/, () => ({ ru: 'отступ сделан табуляцией: отступы делаются пробелами', kk: 'шегініс табуляциямен жасалған: шегініс бос орынмен жасалады' })],
  [/^Implicit keys (?:of flow sequence pairs )?need to be on a single line/, () => ({ ru: 'ключ должен занимать одну строку (возможно, после него пропущено «:»)', kk: 'кілт бір жолда тұруы керек (одан кейін «:» түсіп қалған болуы мүмкін)' })],
  [/^Implicit map keys need to be followed by map values/, () => ({ ru: 'после ключа нет значения (пропущено «:»?)', kk: 'кілттен кейін мән жоқ («:» түсіп қалды ма?)' })],
  [/^Nested mappings are not allowed in compact mappings/, () => ({ ru: 'вложенные пары «ключ: значение» нельзя писать в одной строке с ключом: перенесите их на следующую строку с отступом', kk: 'ішкі «кілт: мән» жұптарын кілтпен бір жолға жазуға болмайды: оларды келесі жолға шегініспен жазыңыз' })],
  [/^Missing closing ["']quote/, () => ({ ru: 'нет закрывающей кавычки', kk: 'жабатын тырнақша жоқ' })],
  [/^All (?:sequence|mapping|collection) items must start at the same column/, () => ({ ru: 'элементы одного уровня должны начинаться в одном столбце', kk: 'бір деңгейдегі элементтер бір бағаннан басталуы керек' })],
  [/^Sequence item without - indicator/, () => ({ ru: 'у элемента списка нет «-»', kk: 'тізім элементінде «-» жоқ' })],
  [/^Plain value cannot start with (?:a tab character|\D+ (\S))$/, (m) => ({ ru: `значение без кавычек не может начинаться с ${m[1] ?? 'табуляции'}: заключите его в кавычки`, kk: `тырнақшасыз мән ${m[1] ?? 'табуляция'} таңбасынан басталмайды: оны тырнақшаға алыңыз` })],
  [/^Invalid escape sequence (.+)$/, (m) => ({ ru: `неверная escape-последовательность ${m[1]} в строке в двойных кавычках`, kk: `қос тырнақшадағы жолда ${m[1]} escape-тізбегі дұрыс емес` })],
  [/^Comments must be separated from other tokens by white space/, () => ({ ru: 'перед «#» комментария нужен пробел', kk: 'түсініктеменің «#» белгісінің алдында бос орын керек' })],
  [/^Missing , (?:or : )?between flow (?:sequence|map) items/, () => ({ ru: 'между элементами в [ ] или { } не хватает запятой', kk: '[ ] немесе { } ішіндегі элементтердің арасында үтір жетіспейді' })],
  [/^Missing space after : in flow/, () => ({ ru: 'после «:» внутри { } нужен пробел', kk: '{ } ішінде «:» белгісінен кейін бос орын керек' })],
  [/^Flow (?:sequence|mapping) in block collection must be sufficiently indented and end with a/, () => ({ ru: 'список в [ ] или { } должен иметь отступ и закрываться скобкой', kk: '[ ] немесе { } ішіндегі тізімнің шегінісі болып, ол жақшамен жабылуы керек' })],
];

/** Briefer explanations by the error's code. */
const BY_CODE: Readonly<Record<string, Said>> = {
  BAD_INDENT: { ru: 'неверный отступ', kk: 'шегініс дұрыс емес' },
  MISSING_CHAR: { ru: 'здесь не хватает знака', kk: 'мұнда таңба жетіспейді' },
  UNEXPECTED_TOKEN: { ru: 'здесь неожиданный знак', kk: 'мұнда күтілмеген таңба тұр' },
  BAD_ALIAS: { ru: 'неверный якорь или ссылка на него (& или *)', kk: 'якорь немесе оған сілтеме (& не *) дұрыс емес' },
  BLOCK_AS_IMPLICIT_KEY: { ru: 'блок не может быть ключом', kk: 'блок кілт бола алмайды' },
  BLOCK_IN_FLOW: { ru: 'блочное значение внутри [ ] или { }', kk: '[ ] немесе { } ішінде блоктық мән тұр' },
  MULTIPLE_DOCS: { ru: 'в файле больше одного YAML-документа (---)', kk: 'файлда бірден көп YAML құжаты бар (---)' },
  MULTIPLE_ANCHORS: { ru: 'у значения больше одного якоря (&)', kk: 'мәннің бірден көп якоры (&) бар' },
  MULTIPLE_TAGS: { ru: 'у значения больше одного тега (!)', kk: 'мәннің бірден көп тегі (!) бар' },
  TAG_RESOLVE_FAILED: { ru: 'неизвестный тег (!)', kk: 'белгісіз тег (!)' },
  BAD_DIRECTIVE: { ru: 'неверная директива (%)', kk: 'директива (%) дұрыс емес' },
};

const PLACE = / at line (\d+), column (\d+):?$/;

/**
 * The library's explanation `message` (its first line, of an error with `code`) in `lang`, with
 * its line and column; undefined when neither its words nor its code are known here.
 */
export function yamlExplanation(message: string, code: string | undefined, lang: 'ru' | 'kk'): string | undefined {
  const place = PLACE.exec(message);
  const words = place ? message.slice(0, place.index) : message;
  let said: Said | undefined;
  for (const [re, say] of BY_WORDS) {
    const m = re.exec(words);
    if (m) {
      said = say(m);
      break;
    }
  }
  said ??= code === undefined ? undefined : BY_CODE[code];
  if (!said) return undefined;
  if (!place) return said[lang];
  return lang === 'ru' ? `строка ${place[1]}, столбец ${place[2]}: ${said.ru}` : `${place[1]}-жол, ${place[2]}-баған: ${said.kk}`;
}
