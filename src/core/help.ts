import type { Registry } from './registry.js';
import { BotError, type CommandSpec, type Reply } from './types.js';

/** One usage line, built from the spec alone: `!meeting next [name] [--tz zone]`. */
export function usage(spec: CommandSpec, prefix: string): string {
  const parts = [`${prefix}${spec.family}`];
  if (spec.name) parts.push(spec.name);
  for (const a of spec.args ?? []) {
    const name = a.rest ? `${a.name}…` : a.name;
    parts.push(a.required ? `<${name}>` : `[${name}]`);
  }
  for (const o of spec.options ?? []) parts.push(o.type === 'flag' ? `[--${o.name}]` : `[--${o.name} ${o.type === 'zone' ? 'zone' : o.name}]`);
  return parts.join(' ');
}

function familyHelp(registry: Registry, familyName: string, prefix: string): Reply {
  const family = registry.family(familyName)!;
  const items = [...family.commands.values()].map((spec) => ({ title: usage(spec, prefix), summary: spec.summary }));
  const aliases = family.aliases.length ? ` (also ${family.aliases.map((a) => prefix + a).join(', ')})` : '';
  return { kind: 'help', text: `${prefix}${family.name}${aliases}: ${items.length} command${items.length === 1 ? '' : 's'}`, items };
}

function commandHelp(spec: CommandSpec, prefix: string): Reply {
  const fields = [
    ...(spec.args ?? []).map((a) => ({ label: `<${a.name}>`, value: a.description })),
    ...(spec.options ?? []).map((o) => ({ label: `--${o.name}`, value: o.description })),
    { label: '--tz', value: 'show times in this IANA time zone (e.g. Europe/Paris)' },
  ];
  if (spec.examples?.length) fields.push({ label: 'examples', value: spec.examples.map((e) => prefix + e).join(' · ') });
  if (spec.permission && spec.permission !== 'everyone') fields.push({ label: 'who', value: `${spec.permission}s only` });
  return { kind: 'help', text: `${usage(spec, prefix)} — ${spec.summary}`, fields };
}

/** `help`, `help <family>` and `help <family> <subcommand>`, generated from the registered specs. */
export function helpCommands(registry: Registry, prefix: () => string): CommandSpec[] {
  return [
    {
      family: 'help',
      name: '',
      summary: 'list the commands, or explain one',
      args: [{ name: 'command', description: 'a command, e.g. "interview" or "meeting next"', rest: true }],
      examples: ['help', 'help interview', 'help meeting next'],
      aliases: ['commands'],
      intents: [
        {
          phrasings: ['what can you do?', 'which commands do you know', 'help me please', 'hello!'],
          needs: ['help', 'command', 'what can you do', 'how do i use', 'hello', 'hi'],
        },
      ],
      handler: (ctx) => {
        const p = prefix();
        const topic = (ctx.args.command as string | undefined)?.replace(new RegExp(`^\\${p}`), '');
        if (!topic) {
          const items = registry.list().map((f) => {
            const subs = [...f.commands.keys()].filter(Boolean);
            const summary = f.commands.get('')?.summary;
            const adminsOnly = [...f.commands.values()].every((c) => c.permission === 'admin');
            return { title: `${p}${f.name}${subs.length ? ` ${subs.join('|')}` : ''}`, summary: adminsOnly && summary ? `${summary} (admins only)` : summary };
          });
          return { kind: 'help', text: `Commands (${p}help <command> for details):`, items };
        }
        const [familyWord, sub] = topic.split(/\s+/);
        const family = registry.family(familyWord);
        if (!family) registry.resolve([familyWord], p); // throws, with a "did you mean"
        if (!sub) {
          const only = family!.commands.size === 1 ? [...family!.commands.values()][0] : undefined;
          return only ? commandHelp(only, p) : familyHelp(registry, familyWord, p);
        }
        const { spec } = registry.resolve([familyWord, sub], p);
        if (spec.name === '' && !family!.commands.has(sub.toLowerCase())) {
          throw new BotError('NOT_FOUND', `No command '${p}${family!.name} ${sub}'. Try ${p}help ${family!.name}.`);
        }
        return commandHelp(spec, p);
      },
    },
  ];
}
