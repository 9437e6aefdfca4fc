/**
 * Questions in another language. The reader knows English only; rather than guess, it says so in English and
 * names the command the question seems to be about, from the few words below. Tables, as data: the scripts that
 * are never English, the small words that mark a language written in Latin letters, and the words for what the bot
 * knows about.
 */

/** Letters of scripts English is not written in (Cyrillic, Greek, Arabic, Hebrew, Indic, CJK, Thai, Hangul …). */
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Georgian}\p{Script=Armenian}]/u;

/** Small words that are not English, by language: two of them (or one and a mark like ¿ ñ ß) make a line foreign. */
const MARKERS: Record<string, string[]> = {
  Spanish: ['qué', 'que', 'cuándo', 'cuando', 'dónde', 'donde', 'hay', 'es', 'el', 'la', 'los', 'las', 'una', 'próxima', 'proxima', 'próximo', 'mañana', 'hoy', 'cómo', 'como', 'por', 'favor', 'hola', 'gracias', 'del', 'para', 'quién'],
  Portuguese: ['quando', 'onde', 'é', 'próxima', 'próximo', 'amanhã', 'hoje', 'obrigado', 'obrigada', 'olá', 'uma', 'tem', 'não'],
  French: ['quand', 'où', 'est', 'le', 'les', 'une', 'prochaine', 'prochain', 'demain', "aujourd'hui", 'bonjour', 'merci', 'quelle', 'quel', 'qui', 'il', 'y', 'a-t-il', 'du', 'des'],
  German: ['wann', 'wo', 'ist', 'der', 'die', 'das', 'nächste', 'nächster', 'nächsten', 'morgen', 'heute', 'gibt', 'es', 'ein', 'eine', 'hallo', 'danke', 'wer', 'wie', 'bitte', 'und'],
  Italian: ['quando', 'dove', 'è', 'il', 'la', 'prossima', 'prossimo', 'domani', 'oggi', 'ciao', 'grazie', 'una', 'chi', "c'è"],
  Dutch: ['wanneer', 'waar', 'is', 'de', 'het', 'volgende', 'morgen', 'vandaag', 'hallo', 'bedankt', 'een', 'wie'],
};
/** Words English shares with the languages above, that must not count as marks of them on their own. */
const ALSO_ENGLISH = new Set(['is', 'a', 'y', 'es', 'die', 'la', 'le', 'il', 'est', 'como', 'hay', 'que', 'tem', 'wie', 'des', 'du', 'une', 'the', 'and']);
const FOREIGN_MARKS = /[¿¡ñßäöüœçãõ]/u;
/** English small words: a line with several of them is English, whatever else it holds. */
const ENGLISH = new Set(['the', 'is', 'when', 'what', 'where', 'who', 'next', 'are', 'there', 'any', 'how', 'do', 'does', 'of', 'to', 'me', 'show', 'list', 'and', 'in', 'on', 'a', 'an', 'my', 'you', 'can', 'i']);

/** The closest command, by the words a question uses for what the bot knows about (any language, lower case). */
const TOPICS: { words: RegExp; command: string }[] = [
  { words: /test ?tag|testtag|día de prueba|dia de prueba|pruebas|journée de test|jour de test|giornata di test|dia de teste|testdag|тестир|тест|テスト|测试|測試/u, command: 'testday next' },
  { words: /doc ?tag|documentaci|documentation|документ/u, command: 'testday list' },
  { words: /protokoll|acta|actas|compte rendu|procès-verbal|verbale|ata da reunião|notulen|протокол|議事録|会议记录/u, command: 'minutes' },
  { words: /reuni[oó]n|reunião|réunion|riunione|treffen|besprechung|sitzung|vergadering|встреч|совещан|собрани|митинг|会议|會議|ミーティング|会議|회의|اجتماع/u, command: 'meeting next' },
  { words: /entrevista|entretien|intervista|interview|интервью|インタビュー|采访|採訪/u, command: 'interview latest' },
  { words: /blog|artículo|articulo|artigo|article|articolo|beitrag|artikel|стать|блог|ブログ|博客/u, command: 'post latest' },
  { words: /semana|semaine|settimana|woche|week|недел|週|周/u, command: 'week' },
  { words: /ayuda|ajuda|aide|aiuto|hilfe|помощ|помоги|帮助|ヘルプ/u, command: 'help' },
];

/** The language a line seems to be in when it is not English, or undefined for English (and anything unsure). */
export function otherLanguage(line: string): string | undefined {
  const text = line.toLowerCase();
  if (OTHER_SCRIPT.test(text)) return 'another language';
  const words = text.match(/[\p{L}'-]+/gu) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  let best: { language: string; marks: number } | undefined;
  for (const [language, markers] of Object.entries(MARKERS)) {
    const set = new Set(markers);
    const found = words.filter((w) => set.has(w));
    const strong = found.filter((w) => !ALSO_ENGLISH.has(w)).length;
    const marks = strong + (FOREIGN_MARKS.test(text) ? 1 : 0);
    if (strong >= 1 && marks >= 2 && marks > english && (!best || marks > best.marks)) best = { language, marks };
  }
  return best?.language;
}

/** The command a question in another language seems to be about, or undefined. */
export function closestCommand(line: string): string | undefined {
  const text = line.toLowerCase();
  return TOPICS.find((t) => t.words.test(text))?.command;
}
