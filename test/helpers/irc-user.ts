/** A person on IRC for the tests: a plain irc-framework client that records what it receives. */
import IRC, { type Client, type ClientOptions } from 'irc-framework';
import { until } from './wait.js';

export interface Heard {
  from: string;
  target: string;
  text: string;
  kind: 'privmsg' | 'notice';
  at: number;
}

export class IrcUser {
  readonly client: Client;
  readonly heard: Heard[] = [];
  /** Raw lines from the server, for protocol-level checks. */
  readonly raw: string[] = [];
  private registered = false;
  closed = false;

  constructor(readonly nick: string) {
    this.client = new IRC.Client();
    this.client.on('registered', () => (this.registered = true));
    this.client.on('close', () => (this.closed = true));
    this.client.on('raw', (e) => {
      if (e.from_server) this.raw.push(e.line);
    });
    const record = (kind: Heard['kind']) => (e: { nick: string; target: string; message: string }) =>
      this.heard.push({ from: e.nick, target: e.target, text: e.message, kind, at: Date.now() });
    this.client.on('privmsg', record('privmsg'));
    this.client.on('notice', record('notice'));
  }

  async connect(host: string, port: number, extra: Partial<ClientOptions> = {}): Promise<void> {
    this.client.connect({ host, port, nick: this.nick, username: 'tester', gecos: 'test user', auto_reconnect: false, ping_interval: 0, ping_timeout: 0, ...extra });
    await until(() => this.registered, 15_000, `${this.nick} to register`);
  }

  async join(channel: string, key?: string): Promise<void> {
    let joined = false;
    this.client.on('join', (e) => {
      if (e.nick === this.client.user.nick && e.channel.toLowerCase() === channel.toLowerCase()) joined = true;
    });
    this.client.join(channel, key);
    // ngircd holds back a client's burst of commands (a penalty per command): on a loaded machine the third or fourth
    // JOIN in a row took over 5 s to be answered.
    await until(() => joined, 15_000, `${this.nick} to join ${channel}`);
  }

  say(target: string, text: string): void {
    this.client.raw(`PRIVMSG ${target} :${text}`);
  }

  /** Messages from `from` (to a channel or to us) since index `since`. */
  from(from: string, since = 0): Heard[] {
    return this.heard.slice(since).filter((h) => h.from.toLowerCase() === from.toLowerCase());
  }

  async waitFor(check: (h: Heard) => boolean, ms: number, what: string, since = 0): Promise<Heard> {
    let found: Heard | undefined;
    await until(() => (found = this.heard.slice(since).find(check)) !== undefined, ms, what);
    return found!;
  }

  /** Wait until nothing new has arrived for `quietMs` (the previous answer is complete). */
  // ngircd throttles a busy client's lines by a second or more: a shorter quiet spell lets a previous answer's tail
  // arrive in the next test.
  async settle(quietMs = 1500, ms = 15_000): Promise<void> {
    let count = this.heard.length;
    let since = Date.now();
    await until(() => {
      if (this.heard.length !== count) {
        count = this.heard.length;
        since = Date.now();
      }
      return Date.now() - since >= quietMs;
    }, ms, `${this.nick}'s conversation to go quiet`);
  }

  close(): void {
    if (!this.closed) this.client.quit('bye');
    this.client.connection.end(undefined, true);
  }
}

/** Each nick connected to the server and in the channel, kept by nick (a meeting's people). */
export async function joinAll(people: Map<string, IrcUser>, host: string, port: number, channel: string, nicks: Iterable<string>): Promise<void> {
  for (const nick of nicks) {
    const u = new IrcUser(nick);
    await u.connect(host, port);
    await u.join(channel);
    people.set(nick, u);
  }
}
