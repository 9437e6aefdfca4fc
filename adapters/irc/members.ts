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

  constructor(private readonly fold: (text: string) => string) {}

  clear(): void {
    this.accounts.clear();
    this.ops.clear();
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

  /** NAMES reply: the channel's operators as of now. */
  names(channel: string, users: { nick: string; modes: string[] }[], operatorModes: string[]): void {
    this.ops.set(this.fold(channel), new Set(users.filter((u) => u.modes.some((m) => operatorModes.includes(m))).map((u) => this.fold(u.nick))));
  }

  left(channel: string, nick: string): void {
    this.setOp(channel, nick, false);
  }

  /** The bot itself left a channel: forget it. */
  forgetChannel(channel: string): void {
    this.ops.delete(this.fold(channel));
  }

  quit(nick: string): void {
    const key = this.fold(nick);
    this.accounts.delete(key);
    for (const set of this.ops.values()) set.delete(key);
  }

  rename(from: string, to: string): void {
    const a = this.fold(from);
    const b = this.fold(to);
    if (this.accounts.has(a)) this.accounts.set(b, this.accounts.get(a)!);
    this.accounts.delete(a);
    for (const set of this.ops.values()) if (set.delete(a)) set.add(b);
  }
}
