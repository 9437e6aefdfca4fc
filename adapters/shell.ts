import { userInfo } from 'node:os';
import { createInterface, type Interface } from 'node:readline';
import type { AdapterContext } from '../src/adapter-context.js';
import { renderLines } from '../src/core/render-text.js';
import type { Adapter, Reply } from '../src/core/types.js';

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
 * replies are printed as plain text. The person at the terminal runs the bot and is its admin.
 */
export function createShellAdapter(ctx: AdapterContext, options: ShellOptions): Adapter {
  let rl: Interface | null = null;
  const user = (() => {
    try {
      return userInfo().username;
    } catch {
      return 'operator';
    }
  })();
  const print = (reply: Reply) => {
    for (const line of renderLines(reply)) options.output.write(`${line}\n`);
  };
  let queue = Promise.resolve();

  const onLine = async (text: string) => {
    if (text.trim() === '') return;
    const reply = await ctx.handle({
      network: 'shell',
      room: ROOM,
      isPrivate: false,
      user: { id: user, name: user, verified: true },
      roles: ['admin'],
      text,
      time: new Date(),
    });
    if (reply) print(reply);
    else options.output.write(`(not a command: commands start with ${ctx.prefix}, e.g. ${ctx.prefix}help)\n`);
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
        // One at a time, in order, as a channel would show them.
        queue = queue.then(() => onLine(line)).then(() => rl?.prompt());
      });
      rl.on('close', () => {
        void queue.then(() => options.onClose?.());
      });
      rl.prompt();
    },
    async stop() {
      await queue;
      rl?.close();
      rl = null;
    },
    async send(room, reply, handoff) {
      const now = handoff ? handoff.claim() : reply;
      if (!now) return;
      options.output.write(`[${room}] `);
      print(now);
    },
    async sendPrivate(to, _name, reply, handoff) {
      const now = handoff ? handoff.claim() : reply;
      if (!now) return;
      options.output.write(`[private to ${to}] `);
      print(now);
    },
  };
}
