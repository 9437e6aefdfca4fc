import type { Logger } from '../base/log.js';
import { forCommands, type Middleware } from './middleware.js';
import { BotError, type Message, type Role } from './types.js';

const RANK: Record<Role, number> = { everyone: 0, operator: 1, admin: 2 };

export interface PermissionConfig {
  /** Admin identities as `network:id` (irc:account, matrix:@u:server, slack:T123/U456, shell:*). */
  admins: string[];
}

/** The highest role a message's author holds: admins by verified identity, operators as the network says. */
export function roleOf(message: Message, config: PermissionConfig): Role {
  const { admins } = config;
  if (message.user.verified && admins.length > 0 && (admins.includes(`${message.network}:${message.user.id}`) || admins.includes(`${message.network}:*`))) return 'admin';
  if (message.roles?.includes('admin')) return 'admin';
  if (message.roles?.includes('operator')) return 'operator';
  return 'everyone';
}

export function allows(held: Role, needed: Role | undefined): boolean {
  return RANK[held] >= RANK[needed ?? 'everyone'];
}

/** A command for admins or operators only is refused to the rest: the router's last middleware, always. */
export function permitting(log: Logger): Middleware {
  return forCommands((inv, next) => {
    if (allows(inv.ctx.role, inv.spec.permission)) return next();
    const { message } = inv.ctx;
    log.warn({ adapter: message.network, channel: message.room, user: message.user.id, command: inv.line }, 'command denied');
    throw new BotError('DENIED', `Sorry, ${inv.ctx.command(`${inv.spec.family} ${inv.spec.name}`)} is for ${inv.spec.permission}s only.`);
  });
}
