import { forCommands } from '../core/middleware.js';

/**
 * The one-shot (`rdobot ask`) answers once and exits: nobody would be there to keep a reminder, a subscription or a
 * setting. A command that would change what the bot keeps is answered with what to type in a running bot, and runs
 * not at all.
 */
export const readOnly = forCommands(async (inv, next) => {
  if (!inv.spec.changesState) return next();
  const typed = inv.ctx.command(inv.line.trim());
  return {
    kind: 'help',
    text: `rdobot ask answers once and keeps nothing, so nothing was changed. In a running bot (npm start, or in a channel), type: ${typed}`,
    items: [{ title: typed, summary: inv.spec.summary }],
  };
});
