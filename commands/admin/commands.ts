import { DateTime } from 'luxon';
import { parseDuration } from '../../src/base/duration.js';
import type { MuteList } from '../../src/core/mute.js';
import { BotError, type CommandContext, type CommandSpec, type ReplyField } from '../../src/core/types.js';
import { clockText, dateTimeText } from '../../src/present/time.js';
import type { SourceProblem } from '../../src/core/source-problems.js';

export interface AdminDeps {
  /** Re-read every source; returns what was loaded. */
  reload(): Promise<{ posts: number; warnings: number; ms: number }>;
  /** Send a notice to every announcement target; returns where it went and where it failed. */
  announce(text: string): Promise<{ sent: string[]; failed: string[] }>;
  mutes: MuteList;
  /** Facts for !status, without secrets: label → value. */
  status(): ReplyField[];
  /** The files the bot could not use, one per file, with the reason (src/core/source-problems.ts). */
  sources(): SourceProblem[];
}


/** `#rdo` means that room on the asker's network; `here` the asker's room; `irc:#rdo` is explicit. */
function targetOf(ctx: CommandContext, word: string): string {
  if (word === 'here') return `${ctx.message.network}:${ctx.message.room}`;
  return /^[a-z]+:/.test(word) ? word : `${ctx.message.network}:${word}`;
}

/** Commands for the people who run the bot. */
export function adminCommands(deps: AdminDeps): CommandSpec[] {
  return [
    {
      family: 'reload',
      name: '',
      summary: 'read the archive, events and meetings again',
      permission: 'admin',
      handler: async () => {
        const r = await deps.reload();
        return { kind: 'answer', text: `Reloaded in ${Math.round(r.ms)} ms: ${r.posts} posts, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}.` };
      },
    },
    {
      family: 'announce',
      name: '',
      summary: 'post a notice into every announcement channel',
      permission: 'admin',
      args: [{ name: 'text', description: 'what to say', required: true, rest: true, verbatim: true }],
      examples: ['announce The test day starts in one hour in #rdo'],
      handler: async (ctx) => {
        const r = await deps.announce(String(ctx.args.text));
        if (r.sent.length === 0 && r.failed.length === 0) throw new BotError('NOT_FOUND', 'No announcement channels are configured (announce.posts).');
        const failed = r.failed.length ? `; failed: ${r.failed.join(', ')}` : '';
        return { kind: 'answer', text: `Announced to ${r.sent.join(', ') || 'nowhere'}${failed}.` };
      },
    },
    {
      family: 'mute',
      name: '',
      summary: 'keep the bot quiet in a channel for a while (0 to lift it)',
      permission: 'admin',
      args: [
        { name: 'channel', description: 'here, #rdo, or network:room such as irc:#rdo', required: true },
        { name: 'duration', description: 'how long: 30m, 2h, 1d; 0 to unmute', required: true },
      ],
      examples: ['mute here 30m', 'mute irc:#rdo 2h', 'mute here 0'],
      handler: (ctx) => {
        const target = targetOf(ctx, String(ctx.args.channel));
        const ms = parseDuration(String(ctx.args.duration));
        if (ms === null) throw new BotError('BAD_ARGUMENTS', `'${ctx.args.duration}' is not a duration: try 30m, 2h or 1d.`);
        if (ms === 0) {
          return { kind: 'answer', text: deps.mutes.unmute(target) ? `${target} may hear from me again.` : `${target} was not muted.` };
        }
        const until = ctx.now.plus({ milliseconds: ms });
        deps.mutes.mute(target, until.toMillis());
        return { kind: 'answer', text: `Muted in ${target} until ${dateTimeText(until, ctx.zone)}.` };
      },
    },
    {
      family: 'status',
      name: '',
      summary: 'how the bot is doing: adapters, archive, next reminder',
      permission: 'admin',
      handler: (ctx) => {
        const muted = deps.mutes.list(ctx.now.toMillis()).map((m) => `${m.target} until ${clockText(DateTime.fromMillis(m.until), ctx.zone)}`);
        return { kind: 'answer', text: 'rdobot status', fields: [...deps.status(), ...(muted.length ? [{ label: 'muted', value: muted.join(', ') }] : [])] };
      },
    },
    {
      family: 'sources',
      name: '',
      summary: 'the files the bot could not use (posts, meeting and events files, feeds), and why',
      permission: 'admin',
      handler: () => {
        const problems = deps.sources();
        if (problems.length === 0) return { kind: 'answer', text: 'Every source file is in use.' };
        // Long lists are cut by the router and kept for !more, as any list.
        const items = problems.map((p) => ({ title: `${p.file}${p.line ? `:${p.line}` : ''}`, summary: p.reason }));
        return { kind: 'list', text: `${problems.length} file${problems.length === 1 ? '' : 's'} I could not use:`, items };
      },
    },
  ];
}
