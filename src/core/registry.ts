import { typoDistance } from './typo-distance.js';
import { BotError, type CommandSpec } from './types.js';

export interface Family {
  name: string;
  aliases: string[];
  /** Subcommands by name; '' is the family's only action when it has no subcommands. */
  commands: Map<string, CommandSpec>;
  /** What the family name alone runs: '' or the subcommand marked `isDefault`. */
  defaultName?: string;
}

export interface Resolved {
  spec: CommandSpec;
  /** Words left after the family and subcommand. */
  rest: string[];
}

/** All command specs, by family and subcommand. Help and routing read only this. */
export class Registry {
  private readonly families = new Map<string, Family>();
  private readonly aliases = new Map<string, string>();

  register(specs: CommandSpec[]): void {
    for (const spec of specs) {
      const familyName = spec.family.toLowerCase();
      let family = this.families.get(familyName);
      if (!family) {
        if (this.aliases.has(familyName)) throw new Error(`command family '${familyName}' clashes with an alias`);
        family = { name: familyName, aliases: [], commands: new Map() };
        this.families.set(familyName, family);
      }
      const name = spec.name.toLowerCase();
      if (family.commands.has(name)) throw new Error(`duplicate command '${`${familyName} ${name}`.trim()}'`);
      family.commands.set(name, spec);
      if (name === '' || spec.isDefault) family.defaultName = name;
      for (const alias of spec.name === '' ? (spec.aliases ?? []) : []) {
        const a = alias.toLowerCase();
        if (this.families.has(a) || this.aliases.has(a)) throw new Error(`alias '${a}' is already taken`);
        this.aliases.set(a, familyName);
        family.aliases.push(a);
      }
    }
  }

  list(): Family[] {
    return [...this.families.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  family(name: string): Family | undefined {
    const key = name.toLowerCase();
    return this.families.get(key) ?? this.families.get(this.aliases.get(key) ?? '');
  }

  /**
   * Longest match of `family subcommand`; the family alone runs its default; a miss gets a "did you mean".
   * `syntax` is how commands are written where the question came from (`!`, `/rdo `), for the hints.
   */
  resolve(words: string[], syntax: string): Resolved {
    const prefix = syntax;
    const [first, second, ...others] = words;
    // Nothing but punctuation ("rdobot: ?") names no command: a question the reader answers with what to try.
    if (first === undefined) throw new BotError('UNKNOWN_COMMAND', `That is not a command. Try ${prefix}help.`);
    const family = this.family(first);
    if (!family) {
      const names = [...this.families.keys(), ...this.aliases.keys()];
      throw new BotError('UNKNOWN_COMMAND', `Unknown command '${first}'.${suggest(first, names, prefix)} Try ${prefix}help.`);
    }
    const sub = second?.toLowerCase();
    if (sub !== undefined && family.commands.has(sub) && sub !== '') {
      return { spec: family.commands.get(sub)!, rest: others };
    }
    const fallback = family.commands.get('');
    if (fallback) return { spec: fallback, rest: words.slice(1) };
    // `!interview` and `!interview --tz Asia/Tokyo` mean the family's obvious answer.
    if (family.defaultName !== undefined && (sub === undefined || sub.startsWith('--') || /^\p{Pd}/u.test(sub))) {
      return { spec: family.commands.get(family.defaultName)!, rest: words.slice(1) };
    }
    const subs = [...family.commands.keys()].filter((k) => k !== '');
    if (sub === undefined) {
      throw new BotError('BAD_ARGUMENTS', `${prefix}${family.name} needs a subcommand: ${subs.join(', ')}.`);
    }
    throw new BotError(
      'UNKNOWN_COMMAND',
      `Unknown subcommand '${family.name} ${second}'.${suggest(sub, subs, `${prefix}${family.name} `)} Try ${prefix}help ${family.name}.`,
    );
  }
}

function suggest(word: string, candidates: string[], prefix: string): string {
  if (candidates.length === 0) return '';
  const lower = word.toLowerCase();
  // A swapped pair of letters ("nxet") is one typo, as a missing one ("nxt") is.
  const scored = candidates.map((c) => ({ c, d: typoDistance(lower, c) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  const allowed = Math.max(1, Math.floor(best.c.length / 3));
  return best.d <= allowed ? ` Did you mean ${prefix}${best.c}?` : '';
}
