import { closestCommand, otherLanguage } from './other-languages.js';
import { smallTalk } from './small-talk.js';
import { cueWords, subjectWords, type Understanding } from './intents.js';
import type { Registry } from '../core/registry.js';
import type { CommandSpec } from '../core/types.js';

/**
 * What the reader does before and after matching a question to a command, so that no question falls through:
 * a list number or bullet is dropped, small talk gets a short line, another language an English note with the
 * closest command, a polite preamble gives way to the question inside it, and a question no command fits is
 * answered from the archive (`post find`).
 */

/** "2. list interviews", "- latest post", "* hi": a list's number or bullet starts the line; it is no count. */
const LIST_MARK = /^\s*(?:\(?\d{1,3}[.)]|[-*•·–—>]+)\s+/u;

export function withoutListMark(line: string): string {
  return line.replace(LIST_MARK, '');
}

/** Verbs that wrap a question inside a sentence: "I was wondering when …", "can you tell me where …". */
const EMBEDDING = /\b(?:wonder(?:ing|ed)?|know|tell me|tell us|find out|ask(?:ing)?|curious(?: about)?|not sure|learn|check|figure out|understand)\s+(?=(?:if|whether|where|when|what|who|how|which|why)\b)/gi;

/**
 * The question inside a long polite one: its last sentence that asks something, from the last wrapped question on
 * ("Hello! I'm new here and was wondering where I can find out when the next meeting is?" → "when the next
 * meeting is"). The line itself when there is nothing to unwrap.
 */
export function coreQuestion(line: string): string {
  const sentences = line.split(/(?<=[.!?])\s+/).filter((s) => /\p{L}/u.test(s));
  const asking = [...sentences].reverse().find((s) => s.includes('?')) ?? sentences.at(-1) ?? line;
  let core = asking;
  for (const m of asking.matchAll(EMBEDDING)) core = asking.slice((m.index ?? 0) + m[0].length);
  return core.trim() || line;
}

export type Before =
  | { kind: 'say'; text: string; because: string }
  | { kind: 'command'; line: string; because: string }
  | { kind: 'other-language'; language: string; closest?: string };

/** What a line is before any command is matched: small talk, another language, or (undefined) a question. */
export function before(line: string): Before | undefined {
  const talk = smallTalk(line);
  if (talk?.say) return { kind: 'say', text: talk.say, because: 'small talk' };
  if (talk?.command) return { kind: 'command', line: talk.command, because: 'a question about the bot or RDO' };
  const language = otherLanguage(line);
  if (language) return { kind: 'other-language', language, closest: closestCommand(line) };
  return undefined;
}

/** At most this many words of a question are searched for. */
const MAX_SUBJECT_WORDS = 8;

/**
 * The words to search the archive for when the reading is not a command: the question's subject, when it names
 * something beyond the words commands are cued by (an unsure "test day?" stays a choice of two commands).
 */
export function archiveQuery(line: string, u: Exclude<Understanding, { kind: 'command' }>, specs: CommandSpec[]): string | undefined {
  const subject = subjectWords(line).slice(0, MAX_SUBJECT_WORDS);
  if (subject.length === 0) return undefined;
  if (u.kind === 'unsure') {
    const cues = cueWords(specs);
    if (subject.every((w) => cues.has(w.toLowerCase()))) return undefined;
  }
  return subject.join(' ');
}

/** True when the registry can answer from the archive (a bot without posts cannot). */
export function canFind(registry: Registry): boolean {
  return registry.family('post')?.commands.has('find') ?? false;
}
