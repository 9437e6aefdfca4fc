import { BotError, type CommandContext } from '../../src/core/types.js';

/** Personal state needs an identity the network vouches for: anyone can take an unregistered IRC nick. */
export function requireVerified(ctx: CommandContext, what: string): void {
  if (!ctx.message.user.verified) {
    throw new BotError('DENIED', `I can only keep ${what} for a verified identity: your nick is not identified with services. Identify (NickServ) and ask again.`);
  }
}
