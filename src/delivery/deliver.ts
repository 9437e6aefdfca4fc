import type { Deliver } from '../core/handoff.js';
import type { Adapter } from '../core/types.js';
import { parsePersonalTarget } from '../state/users-db.js';

/** Split `irc:#rdo` / `matrix:!room:server` / `slack:C123` into the network and its room. */
export function parseTarget(target: string): { network: string; room: string } | null {
  const colon = target.indexOf(':');
  if (colon <= 0 || colon === target.length - 1) return null;
  return { network: target.slice(0, colon), room: target.slice(colon + 1) };
}

/**
 * Proactive sends (reminders, announcements) go to the running adapter of the target's network; a person's own
 * reminders (`dm:<network>:<id>`) go to them privately, found by the name last seen for them.
 */
export function deliverVia(adapters: () => Adapter[], nameOf: (network: string, id: string) => string | undefined = () => undefined): Deliver {
  return async (target, reply, handoff) => {
    const person = parsePersonalTarget(target);
    if (person) {
      const adapter = adapters().find((a) => a.name === person.network);
      if (!adapter?.sendPrivate) throw new Error(`no ${person.network} adapter that sends private messages is running for ${target}`);
      return adapter.sendPrivate(person.id, nameOf(person.network, person.id) ?? person.id, reply, handoff);
    }
    const parsed = parseTarget(target);
    if (!parsed) throw new Error(`'${target}' is not a target (expected network:room, e.g. irc:#rdo)`);
    const adapter = adapters().find((a) => a.name === parsed.network);
    if (!adapter) throw new Error(`no ${parsed.network} adapter is running for ${target}`);
    await adapter.send(parsed.room, reply, handoff);
  };
}
