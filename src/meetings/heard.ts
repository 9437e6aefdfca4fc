import type { Message } from '../core/types.js';

/**
 * Whether a meeting could hear this line: one said in a room by a person. A private line or a bot's is never part of
 * a meeting; the recorder passes it by, and the one-shot bot opens no meeting store for it.
 */
export function meetingMayHear(message: Message): boolean {
  return !message.isPrivate && !message.user.isBot;
}
