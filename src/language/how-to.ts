import type { Candidate, Understanding } from './intents.js';
import type { CommandSpec } from '../core/types.js';

/**
 * Openings of a question about how to do something, rather than a request to do it: "how do I subscribe …?", "how can
 * we set …", "what is the command to …". One list, as data.
 */
const HOW_TO_OPENINGS = [
  /^how (?:do|can|could|would|should|shall|may) (?:i|we|you|one|people)\b/,
  /^how to\b/,
  /^how does (?:one|it work)\b/,
  /^what(?:'s| is) the (?:command|way) (?:to|for)\b/,
  /^is (?:it|there a way) possible to\b/,
  /^is there a (?:command|way) to\b/,
  /^where do i\b/,
];

/** Words a newcomer puts before the question itself. */
const LEAD_IN = /^(?:(?:hey|hi|hello|so|ok|okay|please|um|uh)[\s,!]+)*/;

export function isHowTo(question: string): boolean {
  const text = question.trim().toLowerCase().replace(/^[^\p{L}]+/u, '').replace(LEAD_IN, '');
  return HOW_TO_OPENINGS.some((opening) => opening.test(text));
}

/** "the remind command", "command remind": a command named as such, by family name or alias. */
function namedFamily(question: string, specs: CommandSpec[]): string | undefined {
  const words = question.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const families = new Map(specs.flatMap((s) => [[s.family, s.family], ...(s.aliases ?? []).map((a) => [a, s.family] as [string, string])]));
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'command') continue;
    const named = [words[i - 1], words[i + 1]].map((w) => (w === undefined ? undefined : families.get(w.replace(/^!/, '')))).find(Boolean);
    if (named) return named;
  }
  return undefined;
}

function helpReading(specs: CommandSpec[], topic: string, score: number, because: string[]): Understanding | undefined {
  const help = specs.find((s) => s.family === 'help' && s.name === '');
  if (!help?.intents?.[0]) return undefined;
  const best: Candidate = { spec: help, intent: help.intents[0], score, line: `help ${topic}`, because };
  return { kind: 'command', best, others: [], notes: [] };
}

/**
 * A question about how to change something is answered with the command's help, never by changing it; one about how
 * to use a named command, with that command's help. `lenient` is the question read without requiring arguments.
 */
export function howToReading(question: string, specs: CommandSpec[], lenient: Understanding): Understanding | undefined {
  if (!isHowTo(question)) return undefined;
  const readings = lenient.kind === 'command' ? [lenient.best, ...lenient.others] : lenient.kind === 'unsure' ? lenient.candidates : [];
  const top = readings[0]?.score;
  // The state-changing reading among the best ones ("how do I get reminded before a meeting": subscribe, or remind me).
  const changing = readings.find((c) => c.spec.changesState && top !== undefined && top - c.score < 1);
  if (changing) {
    const topic = `${changing.spec.family} ${changing.spec.name}`.trim();
    return helpReading(specs, topic, changing.score, [`a question about how to ${topic}: explained, not done`, ...changing.because]);
  }
  const named = namedFamily(question, specs);
  return named ? helpReading(specs, named, 2, [`a question about the ${named} command`]) : undefined;
}
