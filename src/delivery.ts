import type { Deliver } from './core/handoff.js';
import type { Adapter } from './core/types.js';

/** Split `irc:#rdo` / `matrix:!room:server` / `slack:C123` into the network and its room. */
export function parseTarget(target: string): { network: string; room: string } | null {
  const colon = target.indexOf(':');
  if (colon <= 0 || colon === target.length - 1) return null;
  return { network: target.slice(0, colon), room: target.slice(colon + 1) };
}

/** Proactive sends (reminders, announcements) go to the running adapter of the target's network. */
export function deliverVia(adapters: () => Adapter[]): Deliver {
  return async (target, reply, handoff) => {
    const parsed = parseTarget(target);
    if (!parsed) throw new Error(`'${target}' is not a target (expected network:room, e.g. irc:#rdo)`);
    const adapter = adapters().find((a) => a.name === parsed.network);
    if (!adapter) throw new Error(`no ${parsed.network} adapter is running for ${target}`);
    await adapter.send(parsed.room, reply, handoff);
  };
}
