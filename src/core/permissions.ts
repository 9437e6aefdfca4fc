import type { Message, Role } from './types.js';

const RANK: Record<Role, number> = { everyone: 0, operator: 1, admin: 2 };

export interface PermissionConfig {
  /** Admin identities as `network:id` (irc:account, matrix:@u:server, slack:T123/U456, shell:*). */
  admins: string[];
}

/** The highest role a message's author holds: admins by verified identity, operators as the network says. */
export function roleOf(message: Message, config: PermissionConfig): Role {
  const key = `${message.network}:${message.user.id}`;
  const wildcard = `${message.network}:*`;
  if (message.user.verified && (config.admins.includes(key) || config.admins.includes(wildcard))) return 'admin';
  if (message.roles?.includes('admin')) return 'admin';
  if (message.roles?.includes('operator')) return 'operator';
  return 'everyone';
}

export function allows(held: Role, needed: Role | undefined): boolean {
  return RANK[held] >= RANK[needed ?? 'everyone'];
}
