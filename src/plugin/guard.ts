import type { Logger } from '../base/log.js';
import { BotError, type CommandContext, type CommandSpec, type ErrorCode, type Reply } from '../core/types.js';
import type { MeetingCommandSpec } from './api.js';

/** How long a plugin's command may take by default (RDOBOT_PLUGIN_TIMEOUT). */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 5000;

class TimedOut extends Error {}

/** A BotError, also one made by another copy of rdobot's plugin API (a plugin that installed its own). */
function asBotError(err: unknown): BotError | undefined {
  if (err instanceof BotError) return err;
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  return e && e.name === 'BotError' && typeof e.code === 'string' && typeof e.message === 'string' ? new BotError(e.code as ErrorCode, e.message) : undefined;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * A plugin's command as the bot runs it: a failure, a hang or a reply that is not one is answered with a short line
 * naming the plugin (and logged with its name) instead of taking the bot's answer down with it. What the plugin
 * throws as a BotError is its own answer, said as is.
 */
export function guarded(spec: CommandSpec, plugin: { name: string; version: string }, logger: Logger, timeoutMs: number): CommandSpec {
  const run = async (ctx: CommandContext): Promise<Reply> => {
    const command = ctx.command(`${spec.family} ${spec.name}`.trim());
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut()), timeoutMs);
    });
    try {
      const reply = await Promise.race([Promise.resolve().then(() => spec.handler(ctx)), limit]);
      if (!reply || typeof reply !== 'object' || typeof reply.text !== 'string') throw new Error(`it gave no reply (got ${reply === null ? 'null' : typeof reply})`);
      return reply;
    } catch (err) {
      const own = asBotError(err);
      if (own) throw own;
      if (err instanceof TimedOut) {
        logger.warn({ command }, `plugin ${plugin.name}: ${command} took longer than ${seconds(timeoutMs)}; stopped waiting`);
        throw new BotError('INTERNAL', `Sorry, ${command} (plugin ${plugin.name}) took longer than ${seconds(timeoutMs)} and was stopped.`);
      }
      logger.error({ err, command }, `plugin ${plugin.name}: ${command} failed`);
      throw new BotError('INTERNAL', `Sorry, ${command} (plugin ${plugin.name}) failed. The operator has it in the log.`);
    } finally {
      clearTimeout(timer);
    }
  };
  return { ...spec, plugin: { name: plugin.name, version: plugin.version }, handler: run };
}

/**
 * A plugin's `#word` meeting command as the recorder runs it: what it says back is computed in the meeting's turn, so
 * a failure is answered with a line naming the plugin (and logged) instead of reaching the recorder.
 */
export function guardedMeetingCommand(spec: MeetingCommandSpec, plugin: { name: string }, logger: Logger): MeetingCommandSpec {
  const handle = spec.handle;
  if (!handle) return spec;
  return {
    ...spec,
    handle: (ctx) => {
      try {
        const said = handle.call(spec, ctx);
        return typeof said === 'string' ? said : undefined;
      } catch (err) {
        logger.error({ err, command: `#${spec.word}` }, `plugin ${plugin.name}: #${spec.word} failed`);
        return `Sorry, #${spec.word} (plugin ${plugin.name}) failed. The operator has it in the log.`;
      }
    },
  };
}
