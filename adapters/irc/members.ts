/**
 * What the bot knows about people in its channels: their services account (from account-tag,
 * extended-join, account-notify, WHOX) and who holds channel operator status (+o or above).
 * All keys are case-folded with the network's casemapping.
 */
export class Members {
  /** nick → account; null = known to be logged out. Absent = unknown. */
  private readonly accounts = new Map<string, string | null>();
  /** channel → nicks with +o (or a higher prefix mode). */
  private readonly ops = new Map<string, Set<string>>();
  /**
   * nick → the connection we follow under it: made when a nick is first seen, carried along NICK changes, forgotten
   * at QUIT. Whoever takes a nick someone left gets a new one, so a name alone never inherits what its old holder had.
   */
  private readonly sessions = new Map<string, string>();
  /** channel → the nicks in it now (NAMES, then JOIN, PART, KICK, QUIT, NICK), as written: possible owners of actions. */
  private readonly present = new Map<string, Map<string, string>>();
  private sessionCount = 0;
  /** Differs from one run of the bot to the next, so a session of an earlier run is never matched again. */
  private readonly epoch = Date.now().toString(36);

  constructor(private readonly fold: (text: string) => string) {}

  clear(): void {
    this.accounts.clear();
    this.ops.clear();
    this.present.clear();
    // Sessions outlive a reconnection of the bot: a chair is still the chair when the bot comes back.
  }

  /** The session of whoever holds this nick now (made on first sight). */
  session(nick: string): string {
    const key = this.fold(nick);
    let s = this.sessions.get(key);
    if (!s) {
      s = `${this.epoch}.${++this.sessionCount}`;
      this.sessions.set(key, s);
    }
    return s;
  }

  account(nick: string): string | undefined {
    return this.accounts.get(this.fold(nick)) ?? undefined;
  }

  /** A nick (case-folded) currently logged in to this services account, if one is in sight. */
  nickOf(account: string): string | undefined {
    const wanted = this.fold(account);
    for (const [nick, a] of this.accounts) if (a !== null && this.fold(a) === wanted) return nick;
    return undefined;
  }

  setAccount(nick: string, account: string | false | undefined | null): void {
    if (account === undefined) return;
    this.accounts.set(this.fold(nick), account === false || account === null || account === '' || account === '*' ? null : account);
  }

  isOp(channel: string, nick: string): boolean {
    return this.ops.get(this.fold(channel))?.has(this.fold(nick)) ?? false;
  }

  setOp(channel: string, nick: string, op: boolean): void {
    const key = this.fold(channel);
    const set = this.ops.get(key) ?? new Set<string>();
    if (op) set.add(this.fold(nick));
    else set.delete(this.fold(nick));
    this.ops.set(key, set);
  }

  /** NAMES reply: the channel's operators and people as of now. */
  names(channel: string, users: { nick: string; modes: string[] }[], operatorModes: string[]): void {
    this.ops.set(this.fold(channel), new Set(users.filter((u) => u.modes.some((m) => operatorModes.includes(m))).map((u) => this.fold(u.nick))));
    this.present.set(this.fold(channel), new Map(users.slice(0, 10_000).map((u) => [this.fold(u.nick), u.nick])));
  }

  joined(channel: string, nick: string): void {
    this.present.get(this.fold(channel))?.set(this.fold(nick), nick);
  }

  /** The nicks in a channel now. */
  inChannel(channel: string): string[] {
    return [...(this.present.get(this.fold(channel))?.values() ?? [])];
  }

  left(channel: string, nick: string): void {
    this.setOp(channel, nick, false);
    this.present.get(this.fold(channel))?.delete(this.fold(nick));
  }

  /** The bot itself left a channel: forget it. */
  forgetChannel(channel: string): void {
    this.ops.delete(this.fold(channel));
    this.present.delete(this.fold(channel));
  }

  quit(nick: string): void {
    const key = this.fold(nick);
    this.accounts.delete(key);
    this.sessions.delete(key);
    for (const set of this.ops.values()) set.delete(key);
    for (const people of this.present.values()) people.delete(key);
  }

  rename(from: string, to: string): void {
    const a = this.fold(from);
    const b = this.fold(to);
    if (this.accounts.has(a)) this.accounts.set(b, this.accounts.get(a)!);
    this.accounts.delete(a);
    // The person keeps their session under the new nick; the old nick is free, and its next holder gets a new one.
    const s = this.sessions.get(a);
    this.sessions.delete(a);
    if (s) this.sessions.set(b, s);
    else this.sessions.delete(b);
    for (const set of this.ops.values()) if (set.delete(a)) set.add(b);
    for (const people of this.present.values()) if (people.delete(a)) people.set(b, to);
  }
}
