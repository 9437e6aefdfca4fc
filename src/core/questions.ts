import type { Registry } from './registry.js';
import type { CommandSpec, Reply } from './types.js';

/**
 * How a line that is no command is read as a question in plain words. The core only asks; the language layer
 * answers, handed in by the composition root, so that the core knows no language (and a bot without it just says
 * "Unknown command").
 */
export interface QuestionReader {
  /**
   * A first word that is a typo of a command's name: command syntax gone wrong, answered with a "did you mean". A line
   * that reads as a question or a request is read first, and is a typo only when the reading finds nothing in it.
   */
  isCommandTypo(registry: Registry, line: string): boolean;
  /** The command line the question maps to, or what to say instead (the commands to try), hints written by `command`. */
  read(registry: Registry, question: string, command: (line: string) => string): QuestionReading;
  /** Commands that come with the reader (`!explain`). */
  commands(registry: Registry): CommandSpec[];
}

export type QuestionReading =
  | { kind: 'command'; line: string; because: string[]; notes: string[] }
  | { kind: 'unclear'; reply: Reply; candidates: string[]; notes: string[] };
