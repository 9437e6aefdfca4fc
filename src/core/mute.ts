import type { Middleware } from './middleware.js';
import type { Clock } from './types.js';

/** Rooms the bot keeps quiet in until a time: `!mute irc:#rdo 30m`. Keys are `network:room`. */
export class MuteList {
  private readonly until = new Map<string, number>();

  mute(target: string, untilMs: number): void {
    this.until.set(target, untilMs);
  }

  unmute(target: string): boolean {
    return this.until.delete(target);
  }

  /** Whether no room is muted (or was, until its end was seen): nothing to look up for a line. */
  get empty(): boolean {
    return this.until.size === 0;
  }

  /** The end of the mute, or null when the room may speak. */
  mutedUntil(target: string, nowMs: number): number | null {
    const end = this.until.get(target);
    if (end === undefined) return null;
    if (end <= nowMs) {
      this.until.delete(target);
      return null;
    }
    return end;
  }

  list(nowMs: number): { target: string; until: number }[] {
    return [...this.until.keys()].flatMap((target) => {
      const until = this.mutedUntil(target, nowMs);
      return until === null ? [] : [{ target, until }];
    });
  }
}

/** Nothing is heard in a muted room but its admins (who may lift the mute); the time is the bot's clock. */
export function muting(mutes: MuteList, clock: Clock): Middleware {
  return (turn, next) =>
    turn.role === 'admin' || mutes.empty || mutes.mutedUntil(`${turn.message.network}:${turn.message.room}`, clock.now().toMillis()) === null ? next() : turn.unheard();
}
