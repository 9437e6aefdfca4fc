import type { Middleware } from './middleware.js';

/** People the bot never hears, as `network:id` (another bot, a spammer): first in the router's middleware. */
export function ignoring(identities: Iterable<string>): Middleware {
  const ignored = new Set(identities);
  // Most bots ignore no one: then no key is written for every line.
  if (ignored.size === 0) return (_turn, next) => next();
  return (turn, next) => (ignored.has(`${turn.message.network}:${turn.message.user.id}`) ? turn.unheard() : next());
}
