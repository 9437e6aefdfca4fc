import { allows } from './permissions.js';
import type { Family, Registry } from './registry.js';
import { BotError, type CommandContext, type CommandSpec, type Reply, type ReplyItem, type Role } from './types.js';

type Writer = (line: string) => string;

/** One usage line, built from the spec alone: `!meeting next [name] [--tz zone]`. */
export function usage(spec: CommandSpec, command: Writer): string {
  const parts = [spec.family];
  if (spec.name) parts.push(spec.name);
  for (const a of spec.args ?? []) {
    const name = a.rest ? `${a.name}…` : a.name;
    parts.push(a.required ? `<${name}>` : `[${name}]`);
  }
  for (const o of spec.options ?? []) parts.push(o.type === 'flag' ? `[--${o.name}]` : `[--${o.name} ${o.type === 'zone' ? 'zone' : o.name}]`);
  return command(parts.join(' '));
}

// Operator commands are listed for everyone (people learn to ask an operator); admin ones only for admins.
const visible = (spec: CommandSpec, role: Role) => spec.permission !== 'admin' || allows(role, 'admin');

/** The commands of a family this asker may run. */
function commandsFor(family: Family, role: Role): CommandSpec[] {
  return [...family.commands.values()].filter((c) => visible(c, role));
}

/** The plugin from outside a family's commands came from, as `hello 1.0.0`; undefined for the bot's own. */
function pluginOf(specs: Iterable<CommandSpec>): string | undefined {
  const plugin = [...specs].find((s) => s.plugin)?.plugin;
  return plugin && `${plugin.name} ${plugin.version}`;
}

function familyItem(family: Family, specs: CommandSpec[], command: Writer): ReplyItem {
  const subs = specs.map((c) => c.name).filter(Boolean);
  const own = family.commands.get('');
  const summary = own?.summary ?? specs.find((c) => c.familySummary)?.familySummary ?? (subs.length ? `${subs.join(', ')}` : undefined);
  const adminsOnly = specs.every((c) => c.permission === 'admin');
  const plugin = pluginOf(specs);
  const marked = plugin && summary ? `${summary} (plugin ${plugin})` : summary;
  return {
    title: command(`${family.name}${subs.length ? ` ${subs.join('|')}` : ''}`),
    summary: adminsOnly && marked ? `${marked} (admins only)` : marked,
  };
}

/** `!help`: the families by name on one line (with their summaries where the network lists them richly). */
function overview(registry: Registry, ctx: CommandContext, full: boolean): Reply {
  const families = registry.list().map((f) => ({ f, specs: commandsFor(f, ctx.role) })).filter((x) => x.specs.length > 0);
  if (full) {
    return {
      kind: 'help',
      text: `Commands (${ctx.command('help <command>')} explains one):`,
      items: families.map(({ f, specs }) => familyItem(f, specs, ctx.command)),
    };
  }
  const plugins = [...new Set(families.map(({ specs }) => pluginOf(specs)).filter(Boolean))];
  return {
    kind: 'help',
    text: 'Commands:',
    layout: 'inline',
    items: families.map(({ f, specs }) => ({ ...familyItem(f, specs, ctx.command), title: ctx.command(f.name) })),
    note:
      `${ctx.command('help <command>')} explains one; ${ctx.command('help all')} lists them all with what they do (all at once in a private message).` +
      (plugins.length ? ` Plugins: ${plugins.join(', ')}.` : ''),
  };
}

function familyHelp(family: Family, ctx: CommandContext): Reply {
  const specs = commandsFor(family, ctx.role);
  const items = specs.map((spec) => ({ title: usage(spec, ctx.command), summary: spec.summary }));
  const aliases = family.aliases.length ? ` (also ${family.aliases.map((a) => ctx.command(a)).join(', ')})` : '';
  const byDefault = family.defaultName ? `; ${ctx.command(family.name)} alone is ${ctx.command(`${family.name} ${family.defaultName}`)}` : '';
  const plugin = pluginOf(specs);
  const from = plugin ? ` (plugin ${plugin})` : '';
  return { kind: 'help', text: `${ctx.command(family.name)}${aliases}: ${items.length} command${items.length === 1 ? '' : 's'}${byDefault}${from}`, items, whole: true };
}

function commandHelp(spec: CommandSpec, command: Writer): Reply {
  const fields = [
    ...(spec.args ?? []).map((a) => ({ label: `<${a.name}>`, value: a.description })),
    ...(spec.options ?? []).map((o) => ({ label: `--${o.name}`, value: o.description })),
    { label: '--tz', value: 'times in your zone (Europe/Paris, Asia/Kolkata, BST, UTC+2)' },
  ];
  if (spec.examples?.length) fields.push({ label: 'examples', value: spec.examples.map(command).join(' · ') });
  if (spec.permission && spec.permission !== 'everyone') fields.push({ label: 'who', value: `${spec.permission}s only` });
  if (spec.plugin) fields.push({ label: 'plugin', value: `${spec.plugin.name} ${spec.plugin.version}` });
  return { kind: 'help', text: `${usage(spec, command)} — ${spec.summary}`, fields, whole: true };
}

/** `help`, `help all`, `help <family>` and `help <family> <subcommand>`, generated from the registered specs. */
export function helpCommands(registry: Registry): CommandSpec[] {
  return [
    {
      family: 'help',
      name: '',
      summary: 'list the commands, or explain one',
      args: [{ name: 'command', description: 'a command, e.g. "interview" or "meeting next"; "all" for every command', rest: true }],
      examples: ['help', 'help all', 'help interview', 'help meeting next'],
      aliases: ['commands'],
      intents: [
        {
          phrasings: ['what can you do?', 'which commands do you know', 'help me please', 'hello!'],
          needs: ['help', 'command', 'what can you do', 'how do i use', 'hello', 'hi'],
        },
      ],
      handler: (ctx) => {
        const syntax = ctx.command('');
        const typed = (ctx.args.command as string | undefined)?.trim();
        const topic = typed && syntax && typed.startsWith(syntax) ? typed.slice(syntax.length).trim() : typed;
        // In a private conversation there is room for everything at once.
        if (!topic || topic.toLowerCase() === 'all') return overview(registry, ctx, Boolean(topic) || ctx.message.isPrivate);
        const [familyWord, sub] = topic.split(/\s+/);
        const family = registry.family(familyWord);
        if (!family) registry.resolve([familyWord], syntax); // throws, with a "did you mean"
        if (!sub) {
          const only = family!.commands.size === 1 ? [...family!.commands.values()][0] : undefined;
          return only ? commandHelp(only, ctx.command) : familyHelp(family!, ctx);
        }
        const { spec } = registry.resolve([familyWord, sub], syntax);
        if (!family!.commands.has(sub.toLowerCase()) || spec.name === '') {
          throw new BotError('NOT_FOUND', `No command '${ctx.command(`${family!.name} ${sub}`)}'. Try ${ctx.command(`help ${family!.name}`)}.`);
        }
        return commandHelp(spec, ctx.command);
      },
    },
  ];
}
