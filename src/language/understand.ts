import { typoDistance, understand, type Candidate, type Understanding } from './intents.js';
import { howToReading } from './how-to.js';
import { archiveQuery, before, canFind, coreQuestion, withoutListMark } from './fallback.js';
import type { Registry } from '../core/registry.js';
import type { QuestionReader } from '../core/questions.js';
import type { CommandSpec, Reply } from '../core/types.js';

/** Every registered command, in registry order. */
function allSpecs(registry: Registry): CommandSpec[] {
  return registry.list().flatMap((f) => [...f.commands.values()]);
}

const INFLECTIONS = ['s', 'es', 'ed', 'ing', 'ings'];

/**
 * Words a question or a request opens with: a line that opens with one is words before it is command syntax, whatever
 * command's name its first word happens to be near ("please remind me …" is no typo of a `release` family).
 */
const OPENS_A_REQUEST = /^(?:please|pls|plz|kindly|can|could|would|will|what|what's|whats|when|where|who|whose|which|why|how|is|are|do|does|did|tell|show|give|list|remind|find|i|i'm|my|any|hey|hi|hello)\b/i;

/** Whether a line reads as a question or a request: it opens with a question or request word, or ends with a question mark. */
export function readsAsRequest(line: string): boolean {
  const words = withoutListMark(line.trim());
  return OPENS_A_REQUEST.test(words) || /[?？]\s*$/u.test(words);
}

/** Whether the plain-language reader finds something in a line: small talk, another language or a command it maps to. */
function findsSomething(registry: Registry, line: string): boolean {
  const words = withoutListMark(line);
  return before(words) !== undefined || readQuestion(registry, words).kind === 'command';
}

/**
 * A line whose first word is a typo of a command (`interviw latest`) is command syntax gone wrong: it gets the
 * router's "did you mean", as typed with the prefix would, rather than a reading as a question. A question or a
 * request is read first, and its first word is taken for a typo only when the reading finds nothing.
 */
export function isCommandTypo(registry: Registry, line: string): boolean {
  const first = line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (first.length < 4 || registry.family(first)) return false;
  const names = registry.list().flatMap((f) => [f.name, ...f.aliases]);
  // "meetings on friday", "interviews about packaging": a plural or inflected name is words, read as a question.
  if (names.some((n) => INFLECTIONS.some((ending) => first === `${n}${ending}`))) return false;
  if (!names.some((n) => n.length >= 4 && typoDistance(first, n) <= (n.length >= 7 ? 2 : 1))) return false;
  return !(readsAsRequest(line) && findsSomething(registry, line));
}

/** A question's reading; one about how to change something reads as that command's help (see how-to.ts). */
export function read(registry: Registry, question: string): Understanding {
  const specs = allSpecs(registry);
  return howToReading(question, specs, understand(question, specs, true)) ?? understand(question, specs);
}

type Write = (line: string) => string;

const suggestion = (c: Candidate, command: Write) => ({ title: command(c.line), summary: c.spec.summary });

/**
 * What to say when a question is not clear enough to act on: the best one or two commands to try, written as
 * commands (never their answer, which would be a guess presented as fact), or where to look when nothing fits.
 */
export function notUnderstood(u: Exclude<Understanding, { kind: 'command' }>, command: Write): Reply {
  if (u.kind === 'unsure') {
    const tries = u.candidates.map((c) => command(c.line));
    return {
      kind: 'help',
      text: `I'm not sure what you mean. Try ${tries.join(' or ')}.`,
      items: u.candidates.map((c) => suggestion(c, command)),
    };
  }
  return {
    kind: 'help',
    text: `Sorry, I can't answer that. I know about interviews, blog posts, meetings, test days and reminders: try ${command('help')}.`,
  };
}

/** `!explain <question>`: how the bot reads a question, and why. */
export function explainCommands(registry: Registry): CommandSpec[] {
  return [
    {
      family: 'explain',
      name: '',
      summary: 'how I read a question in plain words, and why',
      args: [{ name: 'question', description: 'a question, e.g. "when is the next test day?"', required: true, rest: true }],
      examples: ['explain when is the next test day?', 'explain any meetings today in IST?'],
      handler: (ctx) => {
        const p = (line: string) => ctx.command(line);
        const u = read(registry, String(ctx.args.question));
        const notes = u.notes.length ? ` (${u.notes.join('; ')})` : '';
        if (u.kind === 'command') {
          return {
            kind: 'answer',
            text: `I read that as ${p(u.best.line)}${notes}.`,
            fields: [
              { label: 'because', value: u.best.because.join(', ') },
              ...(u.others[0] ? [{ label: 'next best', value: `${p(u.others[0].line)} (${u.others[0].score} against ${u.best.score})` }] : []),
            ],
          };
        }
        if (u.kind === 'unsure') {
          return {
            kind: 'answer',
            text: `I would not act on that: ${u.candidates.map((c) => `${p(c.line)} (${c.score})`).join(' and ')} are too close or too weak${notes}.`,
            fields: u.candidates.map((c) => ({ label: `${p(c.line)}`, value: c.because.join(', ') })),
          };
        }
        return { kind: 'answer', text: `No command fits that question${notes}.` };
      },
    },
  ];
}

/**
 * A question's reading, the polite preamble set aside: the question inside it when that reads as a command
 * ("… I was wondering when the next meeting is?"), else the whole line.
 */
function readQuestion(registry: Registry, line: string): Understanding {
  const whole = read(registry, line);
  const core = coreQuestion(line);
  if (core === line) return whole;
  const inner = read(registry, core);
  return inner.kind === 'command' && (whole.kind !== 'command' || inner.best.score >= whole.best.score || whole.best.line.length > inner.best.line.length + 20) ? inner : whole;
}

/** The command a line runs, or undefined when this bot has no such command. */
function specOf(registry: Registry, line: string): CommandSpec | undefined {
  try {
    return registry.resolve(line.split(' '), '').spec;
  } catch {
    return undefined;
  }
}

/** The plain-language reader the router is given: questions mapped to commands, `!explain`. */
export const plainWords: QuestionReader = {
  isCommandTypo,
  read(registry, question, command) {
    const line = withoutListMark(question);
    const first = before(line);
    if (first?.kind === 'say') {
      return { kind: 'unclear', reply: { kind: 'answer', text: first.text.replace('{help}', command('help')) }, candidates: [], notes: [first.because] };
    }
    if (first?.kind === 'command') return { kind: 'command', line: first.line, because: [first.because], notes: [] };
    if (first?.kind === 'other-language') {
      const spec = first.closest ? specOf(registry, first.closest) : undefined;
      const closest = first.closest && spec ? ` The closest command I recognised is ${command(first.closest)}: ${spec.summary}.` : '';
      const reply: Reply = {
        kind: 'help',
        text: `I read English only, and that looks like ${first.language === 'another language' ? 'another language' : first.language}.${closest} Type ${command('help')} for the rest.`,
        items: first.closest && spec ? [{ title: command(first.closest), summary: spec.summary }] : undefined,
      };
      return { kind: 'unclear', reply, candidates: first.closest ? [first.closest] : [], notes: [`not English (${first.language})`] };
    }
    const u = readQuestion(registry, line);
    if (u.kind === 'command' && u.best.spec.changesState) {
      // Words are read with some guesswork; what the bot keeps for a person changes only on the command itself.
      const typed = command(u.best.line);
      const reply: Reply = {
        kind: 'help',
        text: `That would change what I keep for you, so I do it only when you type the command: ${typed}`,
        items: [{ title: typed, summary: u.best.spec.summary }],
      };
      return { kind: 'unclear', reply, candidates: [u.best.line], notes: u.notes };
    }
    if (u.kind === 'command') return { kind: 'command', line: u.best.line, because: u.best.because, notes: u.notes };
    // No command fits (or two fit equally and the question names something more): the archive answers.
    const query = canFind(registry) ? archiveQuery(line, u, allSpecs(registry)) : undefined;
    if (query) return { kind: 'command', line: `post find ${query}`, because: ['no command fits: the archive is searched for its words'], notes: u.notes };
    return { kind: 'unclear', reply: notUnderstood(u, command), candidates: u.kind === 'unsure' ? u.candidates.map((c) => c.line) : [], notes: u.notes };
  },
  commands: explainCommands,
};
