/**
 * Which channels are not open to all, from their modes: +k (a key), +i (invite only), +s (secret), +p (private).
 * The modes come from the server's answer to MODE #channel at join and from every MODE change after; a channel
 * joined with a configured key is private from the start, before the server says anything.
 */
const PRIVATE_MODES = new Set(['k', 'i', 's', 'p']);

export class RoomModes {
  private readonly modes = new Map<string, Set<string>>();

  constructor(private readonly fold: (name: string) => string) {}

  /** The channel's whole mode list (RPL_CHANNELMODEIS), replacing what was known. */
  set(channel: string, modes: { mode: string }[]): void {
    this.modes.set(this.fold(channel), new Set());
    this.change(channel, modes);
  }

  /** A MODE change: `+k`, `-i` … (other modes are ignored). */
  change(channel: string, modes: { mode: string }[]): void {
    const key = this.fold(channel);
    const set = this.modes.get(key) ?? new Set<string>();
    for (const m of modes) {
      const flag = m.mode.slice(1);
      if (!PRIVATE_MODES.has(flag)) continue;
      if (m.mode.startsWith('+')) set.add(flag);
      else if (m.mode.startsWith('-')) set.delete(flag);
    }
    this.modes.set(key, set);
  }

  forget(channel: string): void {
    this.modes.delete(this.fold(channel));
  }

  /** Not open to all: a private mode is set, or the channel is configured with a key. */
  isPrivate(channel: string, configuredKey?: string): boolean {
    return Boolean(configuredKey) || (this.modes.get(this.fold(channel))?.size ?? 0) > 0;
  }
}
