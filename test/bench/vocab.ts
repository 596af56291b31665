/**
 * Words the synthetic corpus is built from, as [English, Russian, Kazakh] triplets, and
 * syllables (Latin, Russian Cyrillic, Kazakh Cyrillic) for made-up names, so that every entry has
 * a few distinctive words in each language, the way real titles do.
 */

export type Triplet = readonly [en: string, ru: string, kk: string];

/** Topics of laws: English title phrase, Russian prepositional phrase, Kazakh phrase. */
export const TOPICS: readonly Triplet[] = [
  ['Online Platforms', 'онлайн-платформах', 'онлайн-платформалар'],
  ['Personal Data', 'персональных данных', 'дербес деректер'],
  ['Mass Media', 'средствах массовой информации', 'бұқаралық ақпарат құралдары'],
  ['Communications', 'связи', 'байланыс'],
  ['Advertising', 'рекламе', 'жарнама'],
  ['Informatization', 'информатизации', 'ақпараттандыру'],
  ['Child Protection', 'защите детей', 'балаларды қорғау'],
  ['Cybersecurity', 'кибербезопасности', 'киберқауіпсіздік'],
  ['Electronic Commerce', 'электронной торговле', 'электрондық сауда'],
  ['Digital Assets', 'цифровых активах', 'цифрлық активтер'],
  ['Public Procurement', 'государственных закупках', 'мемлекеттік сатып алу'],
  ['Broadcasting', 'телерадиовещании', 'телерадио хабарларын тарату'],
  ['Copyright', 'авторском праве', 'авторлық құқық'],
  ['Consumer Protection', 'защите прав потребителей', 'тұтынушылардың құқықтарын қорғау'],
  ['Access to Information', 'доступе к информации', 'ақпаратқа қол жеткізу'],
  ['Elections', 'выборах', 'сайлау'],
  ['Education', 'образовании', 'білім беру'],
  ['Health Care', 'здравоохранении', 'денсаулық сақтау'],
  ['Banking', 'банковской деятельности', 'банк қызметі'],
  ['Taxation', 'налогообложении', 'салық салу'],
  ['Languages', 'языках', 'тілдер'],
  ['Religious Activity', 'религиозной деятельности', 'діни қызмет'],
  ['Telecommunications Networks', 'сетях телекоммуникаций', 'телекоммуникация желілері'],
  ['Electronic Documents', 'электронном документе', 'электрондық құжат'],
  ['Artificial Intelligence', 'искусственном интеллекте', 'жасанды интеллект'],
  ['Postal Services', 'почтовой связи', 'пошта байланысы'],
  ['Public Councils', 'общественных советах', 'қоғамдық кеңестер'],
  ['Peaceful Assemblies', 'мирных собраниях', 'бейбіт жиналыстар'],
  ['Counter-Extremism', 'противодействии экстремизму', 'экстремизмге қарсы іс-қимыл'],
  ['State Secrets', 'государственных секретах', 'мемлекеттік құпиялар'],
  ['Archives', 'архивах', 'мұрағаттар'],
  ['Film Industry', 'кинематографии', 'кинематография'],
  ['Gambling', 'игорном бизнесе', 'ойын бизнесі'],
  ['Payments', 'платежах и платежных системах', 'төлемдер және төлем жүйелері'],
  ['Space Activity', 'космической деятельности', 'ғарыш қызметі'],
  ['Tourism', 'туристской деятельности', 'туристік қызмет'],
];

/** Things a register or regime of a law is about. */
export const OBJECTS: readonly Triplet[] = [
  ['Register', 'реестре', 'тізілімі'],
  ['Regime', 'режиме', 'режимі'],
  ['Oversight', 'надзоре', 'қадағалау'],
  ['Licensing', 'лицензировании', 'лицензиялау'],
  ['Accreditation', 'аккредитации', 'аккредиттеу'],
  ['Monitoring', 'мониторинге', 'мониторинг'],
];

/** Article headings. */
export const ARTICLE_TITLES: readonly Triplet[] = [
  ['Basic definitions', 'Основные понятия', 'Негізгі ұғымдар'],
  ['Scope of this Law', 'Сфера действия настоящего Закона', 'Осы Заңның қолданылу саласы'],
  ['Duties of platform owners', 'Обязанности собственников платформ', 'Платформа меншік иелерінің міндеттері'],
  ['Rights of users', 'Права пользователей', 'Пайдаланушылардың құқықтары'],
  ['State control', 'Государственный контроль', 'Мемлекеттік бақылау'],
  ['Competence of the authorized body', 'Компетенция уполномоченного органа', 'Уәкілетті органның құзыреті'],
  ['Liability', 'Ответственность', 'Жауаптылық'],
  ['Legal representative', 'Законный представитель', 'Заңды өкіл'],
  ['Removal of unlawful content', 'Удаление противоправного контента', 'Заңсыз контентті жою'],
  ['Transparency reports', 'Отчеты о прозрачности', 'Ашықтық туралы есептер'],
  ['Protection of minors', 'Защита несовершеннолетних', 'Кәмелетке толмағандарды қорғау'],
  ['Entry into force', 'Порядок введения в действие', 'Қолданысқа енгізу тәртібі'],
];

export const WHO: readonly Triplet[] = [
  ['The owner of an online platform', 'Собственник онлайн-платформы', 'Онлайн-платформаның меншік иесі'],
  ['The authorized body', 'Уполномоченный орган', 'Уәкілетті орган'],
  ['An operator of communications', 'Оператор связи', 'Байланыс операторы'],
  ['A mass media outlet', 'Средство массовой информации', 'Бұқаралық ақпарат құралы'],
  ['An advertiser', 'Рекламодатель', 'Жарнама беруші'],
];

export const WHAT: readonly Triplet[] = [
  ['remove unlawful content within 24 hours of a request', 'удалить противоправный контент в течение 24 часов', 'заңсыз контентті 24 сағат ішінде жоюға'],
  ['appoint a legal representative in the country', 'назначить законного представителя в стране', 'елде заңды өкіл тағайындауға'],
  ['publish a transparency report twice a year', 'публиковать отчет о прозрачности дважды в год', 'жылына екі рет ашықтық туралы есеп жариялауға'],
  ['store the personal data of citizens in the country', 'хранить персональные данные граждан в стране', 'азаматтардың дербес деректерін елде сақтауға'],
  ['mark paid content as advertising', 'маркировать оплаченный контент как рекламу', 'ақылы контентті жарнама ретінде белгілеуге'],
];

export const UNITS: readonly Triplet[] = [
  ['videos', 'видео', 'бейне'],
  ['accounts', 'аккаунтов', 'аккаунт'],
  ['users', 'пользователей', 'пайдаланушы'],
  ['complaints', 'жалоб', 'шағым'],
  ['posts', 'публикаций', 'жарияланым'],
  ['requests', 'запросов', 'сұрау'],
];

export const QUALIFIERS: readonly { readonly q: string; readonly en: string; readonly ru: string; readonly kk: string }[] = [
  { q: 'exactly', en: '', ru: '', kk: '' },
  { q: 'more-than', en: 'more than ', ru: 'более ', kk: 'астам ' },
  { q: 'about', en: 'about ', ru: 'около ', kk: 'шамамен ' },
  { q: 'up-to', en: 'up to ', ru: 'до ', kk: 'дейін ' },
];

export const ROLES: readonly Triplet[] = [
  ['Minister of Culture and Information', 'Министр культуры и информации', 'Мәдениет және ақпарат министрі'],
  ['Deputy of the Mazhilis', 'Депутат Мажилиса', 'Мәжіліс депутаты'],
  ['Senator', 'Сенатор', 'Сенатор'],
  ['Vice Minister of Digital Development', 'Вице-министр цифрового развития', 'Цифрлық даму вице-министрі'],
  ['Head of public policy', 'Руководитель по связям с государством', 'Мемлекеттік саясат жөніндегі басшы'],
];

export const VENUES: readonly Triplet[] = [
  ['a Mazhilis plenary session', 'пленарное заседание Мажилиса', 'Мәжілістің жалпы отырысы'],
  ['a government briefing', 'брифинг в Правительстве', 'Үкіметтегі брифинг'],
  ['an interview with Kazinform', 'интервью Казинформу', 'Қазақпарат тілшісіне сұхбат'],
  ['a Senate session', 'заседание Сената', 'Сенат отырысы'],
];

export const OUTLETS: readonly string[] = ['Kazinform', 'Kursiv', 'Tengrinews', 'Vlast.kz', 'Orda.kz', 'Zakon.kz'];

export const FIRST_NAMES: readonly Triplet[] = [
  ['Aida', 'Аида', 'Аида'],
  ['Askhat', 'Асхат', 'Асхат'],
  ['Dariga', 'Дарига', 'Дариға'],
  ['Yerlan', 'Ерлан', 'Ерлан'],
  ['Gulnara', 'Гульнара', 'Гүлнар'],
  ['Nurlan', 'Нурлан', 'Нұрлан'],
  ['Saule', 'Сауле', 'Сәуле'],
  ['Marat', 'Марат', 'Марат'],
];

/** Syllables for made-up names: Latin, Russian Cyrillic, Kazakh Cyrillic. */
export const SYLLABLES: readonly Triplet[] = [
  ['ka', 'ка', 'қа'],
  ['ra', 'ра', 'ра'],
  ['to', 'то', 'то'],
  ['mi', 'ми', 'мі'],
  ['sa', 'са', 'са'],
  ['lo', 'ло', 'ло'],
  ['ven', 'вен', 'вен'],
  ['dor', 'дор', 'дор'],
  ['bek', 'бек', 'бек'],
  ['tal', 'тал', 'тал'],
  ['nur', 'нур', 'нұр'],
  ['zha', 'жа', 'жа'],
  ['ser', 'сер', 'сер'],
  ['gul', 'гуль', 'гүл'],
  ['mar', 'мар', 'мар'],
  ['tan', 'тан', 'таң'],
  ['bol', 'бол', 'бол'],
  ['ash', 'аш', 'аш'],
  ['kyz', 'кыз', 'қыз'],
  ['er', 'ер', 'ер'],
  ['in', 'ин', 'ін'],
  ['ol', 'ол', 'өл'],
  ['us', 'ус', 'ұс'],
  ['ay', 'ай', 'ай'],
  ['dan', 'дан', 'дан'],
  ['ros', 'рос', 'рос'],
  ['tem', 'тем', 'тем'],
  ['vil', 'виль', 'віл'],
  ['zar', 'зар', 'зар'],
  ['khan', 'хан', 'хан'],
  ['sul', 'сул', 'сұл'],
  ['ber', 'бер', 'бер'],
  ['git', 'гит', 'гіт'],
  ['mon', 'мон', 'мон'],
  ['pel', 'пел', 'пел'],
  ['yu', 'ю', 'ю'],
];

export const JURISDICTIONS: readonly string[] = ['kz', 'kz', 'kz', 'uz', 'ru', 'kg', 'eu', 'tr'];

export const ROMAN: readonly string[] = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
