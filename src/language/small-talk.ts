/**
 * Lines that are small talk, not questions: a greeting, thanks, goodbye, or asking what the bot is. Each gets one
 * short line or the command that says who the bot is (`!about`), never "Sorry". One table, as data; a pattern
 * matches the whole line (after a list number, lead-in punctuation and trailing marks are gone).
 */
export interface SmallTalk {
  pattern: RegExp;
  /** One short line to answer with; `{help}` is the help command as this network writes it. */
  say?: string;
  /** Or the command line that answers it. */
  command?: string;
}

const TO_BOT = String.raw`(?:\s+(?:there|all|everyone|everybody|folks|guys|people|friends|again|rdobot|bot))*`;

export const SMALL_TALK: SmallTalk[] = [
  {
    pattern: new RegExp(String.raw`^(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|o/|\\o)${TO_BOT}$`),
    say: 'Hello! Ask me about meetings, test days, interviews or the blog, or type {help} to see what I can do.',
  },
  {
    pattern:
      /^(?:(?:ok|okay|great|cool|nice|awesome|perfect|got it|excellent)[\s,!.]+)?(?:many thanks|thanks|thank you|thank u|thanx|thx|ty|cheers|much appreciated|merci(?: beaucoup)?|danke(?: schön| schon| sehr)?|gracias|muchas gracias|obrigad[oa]|grazie(?: mille)?|dank je(?: wel)?|спасибо|谢谢|ありがとう)(?:[\s,!.]+(?:so much|very much|a lot|a bunch|again|for (?:that|this|the help|your help|the info|the answer|everything)|there|all|rdobot|bot|thanks|thank you|that helps|that helped|that's helpful|very helpful|helpful))*$/u,
    say: "You're welcome!",
  },
  { pattern: new RegExp(String.raw`^(?:bye|goodbye|good night|see you|see ya|cya|later)${TO_BOT}$`), say: 'Bye! I am here whenever you need me.' },
  { pattern: /^(?:how are you(?: doing)?|how's it going|how are things|what's up|sup)(?: today| rdobot)?$/, say: "I'm fine, thanks! Ask me about meetings, test days, interviews or the blog, or type {help}." },
  // Who the bot is and what RDO is: `!about` says both.
  {
    pattern:
      /^(?:what can you do|what do you do|what are you for|what (?:are you able to|else can you|could you) do|what is this|what's this|how does this work|how do you work|what can i ask(?: you)?|what (?:is|does) (?:rdo|rdobot|this bot|the bot)(?: do| mean| stand for)?|what's (?:rdo|rdobot|this bot)|tell me (?:about|more about) (?:yourself|you|rdo|rdobot|this bot|the rdo (?:project|community))|introduce yourself|who (?:are|r) (?:you|u)|who is rdobot|what are you|who made you|explain rdo)$/,
    command: 'about',
  },
];

/** A line as small talk is matched: lower case, no surrounding punctuation, spaces single. */
export function smallTalkText(line: string): string {
  return line
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/^[\s\p{P}]+|[\s?!.,:;)(~]+$/gu, '')
    .replace(/\s+/g, ' ');
}

export function smallTalk(line: string): SmallTalk | undefined {
  const text = smallTalkText(line);
  return SMALL_TALK.find((t) => t.pattern.test(text));
}
