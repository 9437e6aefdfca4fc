import { userInfo } from 'node:os';
import { createInterface, type Interface } from 'node:readline';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import { renderLines } from '../../src/present/render-text.js';
import type { Adapter, Identity, Message, Reply, Role } from '../../src/core/types.js';
import { addressing } from '../addressing.js';
import { CoalescedOutput } from './output.js';
import { pending } from '../../src/core/middleware.js';

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Interactive terminal: prompt, history, line editing. */
  terminal?: boolean;
  historySize?: number;
  /** Called when the input ends (Ctrl-D). */
  onClose?: () => void;
}

const ROOM = '#shell';

/**
 * The terminal as a channel: lines you type are channel messages (so `!help` works as in IRC),
 * replies are printed as plain text. The person at the terminal runs the bot and is its admin, and is not held to the
 * abuse limits (`local`) unless RDOBOT_RATE_SHELL says so.
 */
export function createShellAdapter(ctx: AdapterContext, options: ShellOptions): Adapter {
  let rl: Interface | null = null;
  const name = (() => {
    try {
      return userInfo().username;
    } catch {
      return 'operator';
    }
  })();
  // The same person and the same rights on every line: made once (frozen, since every message shares them).
  const user: Identity = Object.freeze({ id: name, name, verified: true });
  const roles = Object.freeze(['admin']) as Role[];
  const to = { prefix: ctx.prefix, names: [ctx.nick] };
  // At a prompt every answer shows at once; from a pipe, answers are gathered and written once per turn of the loop.
  const out = options.terminal
    ? { write: (text: string) => void options.output.write(text), flush: () => {}, settled: () => Promise.resolve() }
    : new CoalescedOutput(options.output, () => rl?.pause(), () => rl?.resume());
  const print = (reply: Reply, before = '') => out.write(`${before}${renderLines(reply).join('\n')}\n`);
  const hint = `(not a command: commands start with ${ctx.prefix}, e.g. ${ctx.prefix}help; questions in plain words work too, e.g. when is the next meeting?)\n`;
  // Lines are answered one at a time, in order, as a channel would show them: at once while the bot answers at once
  // (ctx.answer: no promise per line), queued behind a line whose answer waits. The queue is not a chain of promises:
  // a piped burst of thousands of lines would keep a closure and a promise per line alive until its turn, and the
  // garbage collector would move them all to the old generation (its cost was most of a line's).
  const waiting: string[] = [];
  let next = 0;
  let answering: Promise<void> | null = null;
  const failed = (err: unknown) => ctx.logger.error({ err }, 'shell line failed');
  const prompt = () => {
    if (options.terminal) rl?.prompt();
  };
  /** One line answered; a promise when its answer waits. */
  const answerLine = (line: string): Promise<void> | undefined => {
    let later: Promise<void> | undefined;
    try {
      later = onLine(line);
    } catch (err) {
      failed(err);
    }
    if (later) return later.then(prompt, (err: unknown) => (failed(err), prompt()));
    prompt();
    return undefined;
  };
  const answerWaiting = (): void => {
    while (next < waiting.length) {
      const line = waiting[next];
      waiting[next++] = '';
      const later = answerLine(line);
      if (later) {
        answering = later.then(answerWaiting);
        return;
      }
    }
    waiting.length = 0;
    next = 0;
    answering = null;
  };
  // Until the queue is empty, including lines queued while waiting.
  const idle = async () => {
    while (answering) await answering;
  };
  const answerOf = ctx.answer ? ctx.answer.bind(ctx) : ctx.handle.bind(ctx);

  const said = (reply: Reply | null) => {
    if (reply) (print(reply), reply.sent?.());
    else out.write(hint);
  };
  const onLine = (text: string): Promise<void> | undefined => {
    if (text.trim() === '') return undefined;
    const message: Message = {
      network: 'shell',
      room: ROOM,
      isPrivate: false,
      user,
      roles,
      local: true,
      text,
      // Everything typed at the bot's own terminal is for the bot: `!help`, `rdobot: help`, or a question in plain words
      // (only "!!!" and "! lol", the prefix gone wrong, are not; they get the hint below).
      addressed: addressing(text, to, false) ?? (text.trim().startsWith(ctx.prefix) ? undefined : { line: text.trim(), by: 'name' }),
      syntax: ctx.prefix,
      time: new Date(),
    };
    const reply = answerOf(message);
    if (pending(reply)) return Promise.resolve(reply).then(said);
    said(reply);
    return undefined;
  };

  return {
    name: 'shell',
    async start() {
      rl = createInterface({
        input: options.input,
        output: options.terminal ? options.output : undefined,
        terminal: options.terminal ?? false,
        historySize: options.historySize ?? 500,
        prompt: `${ctx.nick}> `,
      });
      if (options.terminal) options.output.write(`rdobot is listening. Type ${ctx.prefix}help, or Ctrl-D to quit.\n`);
      rl.on('line', (line) => {
        waiting.push(line);
        if (!answering) answerWaiting();
      });
      rl.on('close', () => {
        // Ctrl-D at the prompt ends the line it was typed on: whatever is written next (the stop's log, npm's own
        // output) starts on a line of its own instead of after "rdobot> ".
        if (options.terminal) options.output.write('\n');
        void idle()
          .then(() => out.settled())
          .then(() => options.onClose?.());
      });
      rl.prompt();
    },
    async stop() {
      await idle();
      await out.settled();
      rl?.close();
      rl = null;
    },
    async send(room, reply, handoff) {
      const now = handoff ? handoff.claim() : reply;
      if (!now) return;
      // A reminder is not part of a burst: out now, after the answers printed before it.
      out.write(`[${room}] ${renderLines(now).join('\n')}\n`);
      out.flush();
    },
    async sendPrivate(to, _name, reply, handoff) {
      const now = handoff ? handoff.claim() : reply;
      if (!now) return;
      // Through the same buffer as the answers before it, so that it comes after them.
      print(now, `[private to ${to}] `);
    },
  };
}
