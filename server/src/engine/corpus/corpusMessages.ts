/**
 * The sentences corpus findings (and `.lexlens.yaml`'s) are reported in, in English, Russian and Kazakh. A finding is
 * made where a file is read (often in a reader thread, and then kept in the cache), before
 * anyone asks in which language: it keeps its English message and the template it was made
 * from, and `corpusMessage` writes it in the language a report asks for. Keys, ids, field names
 * and the YAML parser's own explanations stay as they are in every language.
 */
import { yamlExplanation } from './yamlMessages.js';
import type { Lang } from '../types.js';

/** Who a schema message is about: the entry, the file, or a field (by name). */
export type Subject = 'entry' | 'file' | { readonly field: string };

/** A corpus finding's message as data: which sentence, with which words. */
export interface CorpusTemplate {
  readonly key: TemplateKey;
  readonly args: readonly string[];
  readonly subject?: Subject;
}

/** A finding's English message with the template it was written from: spread into a finding. */
export interface CorpusText {
  readonly message: string;
  readonly template: CorpusTemplate;
}

type Render = (args: readonly string[], subject: string) => string;

const code = (s: string) => `\`${s}\``;
/** The files after the first argument, the empty one (this file) named `here`. */
const files = (a: readonly string[], here: string) => a.slice(1).map((f) => f || here).join(', ');

const en = {
  missingField: (a, s) => `${s} is missing the required field ${code(a[0]!)}.`,
  unknownField: (a) => `${code(a[0]!)} is not a field the corpus schema knows here (custom fields start with \`x-\`).`,
  oneOf: (a, s) => `${s} must be one of: ${a[0]}.`,
  date: (_, s) => `${s} must be a date written YYYY-MM-DD (or YYYY-MM, YYYY).`,
  key: (_, s) => `${s} must be a key of lowercase letters, digits and . _ : -, starting with a letter or digit and ending with a letter, digit or _ (a citation leaves out a final . : or -).`,
  form: (a, s) => `${s} does not have the expected form (${a[0]}).`,
  type: (a, s) => `${s} must be ${article(a[0]!.replace(/,/g, ' or '))}.`,
  empty: (_, s) => `${s} must not be empty.`,
  constant: (a, s) => `${s} must be ${a[0]}.`,
  schema: (a, s) => `${s} ${a[0]}.`,
  notCalendarDate: (a) => `${code(a[0]!)} is not a real calendar date.`,
  articleTwice: (a) => `Article ${a[0]} is listed twice in ${code(a[1]!)}.`,
  paragraphTwice: (a) => `Paragraph ${a[0]} is listed twice in article ${a[1]} of ${code(a[2]!)}.`,
  duplicateHere: (a) => `The id ${code(a[0]!)} is also used elsewhere in this file; ids must be unique across the corpus.`,
  duplicateIn: (a) => `The id ${code(a[0]!)} is also used in ${files(a, 'elsewhere in this file')}; ids must be unique across the corpus.`,
  dangling: (a) => `${code(a[0]!)} points to ${code(a[1]!)}, which is not an id in the corpus.`,
  pathMissing: (a) => `The corpus path ${a[0]} does not exist or cannot be read.`,
  tooLarge: (a) => `The file is ${a[0]} MB, over the ${a[1]} MB limit for corpus files, and was not read.`,
  grew: (a) => `The file grew over the ${a[0]} MB limit while it was read, and was not read.`,
  unreadable: (a) => `The file could not be read (${a[0]}).`,
  notUtf8: () => 'The file is not valid UTF-8 text.',
  nul: () => 'The file contains a NUL byte; it is not a text YAML file.',
  tooDeep: (a) => `The file nests deeper than ${a[0]} levels and was not read.`,
  tooNested: () => 'The file is too deeply nested to read.',
  unparsable: (a) => `The file could not be parsed as YAML (${a[0]}).`,
  invalidYaml: (a) => `Invalid YAML: ${a[0]}`,
  aliases: (a) => `The file expands more than ${a[0]} YAML aliases and was refused (alias bomb protection).`,
  unresolvedAlias: (a) => `Unresolved alias *${a[0]}.`,
  configYaml: (a) => `Invalid YAML in .lexlens.yaml: ${a[0]}`,
  configList: (a) => `.lexlens.yaml: ${code(a[0]!)} must be a list of strings.`,
  configBoolean: (a) => `.lexlens.yaml: ${code(a[0]!)} must be true or false.`,
  configDate: (a) => `.lexlens.yaml: ${code(a[0]!)} must be a date written YYYY-MM-DD.`,
  configRules: (a) => `.lexlens.yaml: ${code(a[0]!)} must map rule ids to off, hint, information, warning or error.`,
  configRule: (a) => `.lexlens.yaml: ${code(a[0]!)} is not a LexLens rule id.`,
  configSeverity: (a) => `.lexlens.yaml: the severity of ${code(a[0]!)} must be off, hint, information, warning or error.`,
  configOption: (a) => `.lexlens.yaml: ${code(a[0]!)} is not a LexLens option.`,
} satisfies Record<string, Render>;

export type TemplateKey = keyof typeof en;

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

const TYPES_RU: Readonly<Record<string, string>> = { string: 'строка', object: 'объект', array: 'список', number: 'число', integer: 'целое число', boolean: 'true или false', null: 'null' };
const TYPES_KK: Readonly<Record<string, string>> = { string: 'жол', object: 'нысан', array: 'тізім', number: 'сан', integer: 'бүтін сан', boolean: 'true не false', null: 'null' };
const types = (list: string, names: Readonly<Record<string, string>>, or: string) =>
  list
    .split(',')
    .map((t) => names[t] ?? t)
    .join(or);

// Russian and Kazakh put the subject first, then a colon: a sentence does not have to agree
// in gender or case with whatever field it is about.
const ru: Record<TemplateKey, Render> = {
  missingField: (a, s) => `${s}: нет обязательного поля ${code(a[0]!)}.`,
  unknownField: (a) => `${code(a[0]!)} — поле, которого схема корпуса здесь не знает (свои поля начинаются с \`x-\`).`,
  oneOf: (a, s) => `${s}: допустимые значения — ${a[0]}.`,
  date: (_, s) => `${s}: нужна дата в виде YYYY-MM-DD (или YYYY-MM, YYYY).`,
  key: (_, s) => `${s}: нужен ключ из строчных латинских букв, цифр и . _ : -, который начинается с буквы или цифры и оканчивается буквой, цифрой или _ (в ссылке конечные . : - не считаются частью ключа).`,
  form: (a, s) => `${s}: значение не соответствует ожидаемой форме (${a[0]}).`,
  type: (a, s) => `${s}: нужно значение типа «${types(a[0]!, TYPES_RU, '» или «')}».`,
  empty: (_, s) => `${s}: пустое значение не допускается.`,
  constant: (a, s) => `${s}: допустимо только значение ${a[0]}.`,
  schema: (a, s) => `${s}: значение нарушает схему корпуса (${a[0]}).`,
  notCalendarDate: (a) => `${code(a[0]!)} — такой даты в календаре нет.`,
  articleTwice: (a) => `Статья ${a[0]} указана в ${code(a[1]!)} дважды.`,
  paragraphTwice: (a) => `Пункт ${a[0]} статьи ${a[1]} указан в ${code(a[2]!)} дважды.`,
  duplicateHere: (a) => `Id ${code(a[0]!)} уже используется в другом месте этого файла; id в корпусе должны быть уникальны.`,
  duplicateIn: (a) => `Id ${code(a[0]!)} используется также в ${files(a, 'другом месте этого файла')}; id в корпусе должны быть уникальны.`,
  dangling: (a) => `${code(a[0]!)} ссылается на ${code(a[1]!)}, но такого id в корпусе нет.`,
  pathMissing: (a) => `Путь к корпусу ${a[0]} не существует или недоступен для чтения.`,
  tooLarge: (a) => `Файл занимает ${a[0]} МБ, больше предела в ${a[1]} МБ для файлов корпуса, и не был прочитан.`,
  grew: (a) => `Пока файл читался, он превысил предел в ${a[0]} МБ и не был прочитан.`,
  unreadable: (a) => `Файл не удалось прочитать (${a[0]}).`,
  notUtf8: () => 'Файл не является текстом в кодировке UTF-8.',
  nul: () => 'В файле есть нулевой байт (NUL): это не текстовый файл YAML.',
  tooDeep: (a) => `Вложенность в файле глубже ${a[0]} уровней; файл не прочитан.`,
  tooNested: () => 'Вложенность в файле слишком глубока, чтобы его прочитать.',
  unparsable: (a) => `Файл не удалось разобрать как YAML (${a[0]}).`,
  invalidYaml: (a) => `Ошибка YAML: ${yamlExplanation(a[0]!, a[1], 'ru') ?? a[0]}`,
  aliases: (a) => `Файл раскрывает больше ${a[0]} алиасов YAML и отклонён (защита от «бомбы алиасов»).`,
  unresolvedAlias: (a) => `Алиас *${a[0]} ни на что не указывает.`,
  configYaml: (a) => `Ошибка YAML в .lexlens.yaml: ${yamlExplanation(a[0]!, a[1], 'ru') ?? a[0]}`,
  configList: (a) => `.lexlens.yaml: ${code(a[0]!)} — нужен список строк.`,
  configBoolean: (a) => `.lexlens.yaml: ${code(a[0]!)} — нужно true или false.`,
  configDate: (a) => `.lexlens.yaml: ${code(a[0]!)} — нужна дата в виде YYYY-MM-DD.`,
  configRules: (a) => `.lexlens.yaml: ${code(a[0]!)} — нужно сопоставить id правил значения off, hint, information, warning или error.`,
  configRule: (a) => `.lexlens.yaml: ${code(a[0]!)} — такого правила в LexLens нет.`,
  configSeverity: (a) => `.lexlens.yaml: важность ${code(a[0]!)} должна быть off, hint, information, warning или error.`,
  configOption: (a) => `.lexlens.yaml: ${code(a[0]!)} — такой настройки в LexLens нет.`,
};

const kk: Record<TemplateKey, Render> = {
  missingField: (a, s) => `${s}: міндетті ${code(a[0]!)} өрісі жоқ.`,
  unknownField: (a) => `${code(a[0]!)} — корпус схемасы бұл жерде білмейтін өріс (өз өрістеріңіз \`x-\` деп басталады).`,
  oneOf: (a, s) => `${s}: рұқсат етілген мәндер — ${a[0]}.`,
  date: (_, s) => `${s}: күн YYYY-MM-DD (немесе YYYY-MM, YYYY) түрінде жазылуы керек.`,
  key: (_, s) => `${s}: кілт кіші латын әріптерінен, цифрлардан және . _ : - таңбаларынан тұрып, әріппен не цифрмен басталуы және әріппен, цифрмен не _ таңбасымен аяқталуы керек (сілтемеде соңғы . : - таңбалары кілтке кірмейді).`,
  form: (a, s) => `${s}: мән күтілген пішінге сәйкес емес (${a[0]}).`,
  type: (a, s) => `${s}: мәннің түрі «${types(a[0]!, TYPES_KK, '» не «')}» болуы керек.`,
  empty: (_, s) => `${s}: бос мәнге болмайды.`,
  constant: (a, s) => `${s}: тек ${a[0]} мәні рұқсат етіледі.`,
  schema: (a, s) => `${s}: мән корпус схемасына сәйкес емес (${a[0]}).`,
  notCalendarDate: (a) => `${code(a[0]!)} — күнтізбеде мұндай күн жоқ.`,
  articleTwice: (a) => `${code(a[1]!)} ішінде ${a[0]}-бап екі рет көрсетілген.`,
  paragraphTwice: (a) => `${code(a[2]!)} ішінде ${a[1]}-баптың ${a[0]}-тармағы екі рет көрсетілген.`,
  duplicateHere: (a) => `${code(a[0]!)} id осы файлдың басқа жерінде де қолданылған; корпуста id қайталанбауы керек.`,
  duplicateIn: (a) => `${code(a[0]!)} id мына жерлерде де қолданылған: ${files(a, 'осы файлдың басқа жері')}; корпуста id қайталанбауы керек.`,
  dangling: (a) => `${code(a[0]!)} ${code(a[1]!)} дегенге сілтейді, бірақ корпуста мұндай id жоқ.`,
  pathMissing: (a) => `${a[0]} корпус жолы жоқ немесе оқылмайды.`,
  tooLarge: (a) => `Файлдың көлемі ${a[0]} МБ, бұл корпус файлдарына арналған ${a[1]} МБ шегінен асады, сондықтан ол оқылмады.`,
  grew: (a) => `Файл оқылып жатқанда ${a[0]} МБ шегінен асып кетті, сондықтан ол оқылмады.`,
  unreadable: (a) => `Файлды оқу мүмкін болмады (${a[0]}).`,
  notUtf8: () => 'Файл UTF-8 кодтауындағы мәтін емес.',
  nul: () => 'Файлда нөлдік байт (NUL) бар: бұл мәтіндік YAML файлы емес.',
  tooDeep: (a) => `Файлдағы кірістіру ${a[0]} деңгейден терең, сондықтан файл оқылмады.`,
  tooNested: () => 'Файлдағы кірістіру оқуға тым терең.',
  unparsable: (a) => `Файлды YAML ретінде талдау мүмкін болмады (${a[0]}).`,
  invalidYaml: (a) => `YAML қатесі: ${yamlExplanation(a[0]!, a[1], 'kk') ?? a[0]}`,
  aliases: (a) => `Файл YAML бүркеншік аттарын ${a[0]} шегінен көп ашады, сондықтан қабылданбады («alias bomb» қорғанысы).`,
  unresolvedAlias: (a) => `*${a[0]} бүркеншік аты ешнәрсеге сілтемейді.`,
  configYaml: (a) => `.lexlens.yaml ішіндегі YAML қатесі: ${yamlExplanation(a[0]!, a[1], 'kk') ?? a[0]}`,
  configList: (a) => `.lexlens.yaml: ${code(a[0]!)} — жолдар тізімі болуы керек.`,
  configBoolean: (a) => `.lexlens.yaml: ${code(a[0]!)} — true не false болуы керек.`,
  configDate: (a) => `.lexlens.yaml: ${code(a[0]!)} — YYYY-MM-DD түріндегі күн болуы керек.`,
  configRules: (a) => `.lexlens.yaml: ${code(a[0]!)} — ереже id-леріне off, hint, information, warning не error мәндерін беруі керек.`,
  configRule: (a) => `.lexlens.yaml: ${code(a[0]!)} — LexLens-те мұндай ереже жоқ.`,
  configSeverity: (a) => `.lexlens.yaml: ${code(a[0]!)} маңыздылығы off, hint, information, warning не error болуы керек.`,
  configOption: (a) => `.lexlens.yaml: ${code(a[0]!)} — LexLens-те мұндай баптау жоқ.`,
};

const SUBJECTS: Record<Lang, { entry: string; file: string }> = {
  en: { entry: 'The entry', file: 'The file' },
  ru: { entry: 'Запись', file: 'Файл' },
  kk: { entry: 'Жазба', file: 'Файл' },
};
const TABLE: Record<Lang, Record<TemplateKey, Render>> = { en, ru, kk };

function render(t: CorpusTemplate, lang: Lang): string {
  const s = t.subject === undefined ? '' : typeof t.subject === 'string' ? SUBJECTS[lang][t.subject] : code(t.subject.field);
  return TABLE[lang][t.key](t.args, s);
}

/** A finding's message and template, from the template: spread it into the finding. */
export function corpusText(key: TemplateKey, args: readonly (string | number)[] = [], subject?: Subject): CorpusText {
  const template: CorpusTemplate = { key, args: args.map(String), ...(subject === undefined ? {} : { subject }) };
  return { message: render(template, 'en'), template };
}

/** A corpus finding's message in `lang` (English when none is asked for, or the finding has no template). */
export function corpusMessage(f: { readonly message: string; readonly template?: CorpusTemplate }, lang: Lang | undefined): string {
  return !f.template || !lang || lang === 'en' ? f.message : render(f.template, lang);
}
