import type { Middleware } from './middleware.js';

/** People the bot never hears, as `network:id` (another bot, a spammer): first in the router's middleware. */
export function ignoring(identities: Iterable<string>): Middleware {
  const ignored = new Set(identities);
  return async (turn, next) => (ignored.has(`${turn.message.network}:${turn.message.user.id}`) ? turn.unheard() : next());
}
