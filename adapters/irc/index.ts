/**
 * IRC adapter on irc-framework: translates channel and private messages into core Messages and
 * Replies into PRIVMSG/NOTICE lines. It owns the connection's health (PING timeout, reconnect with
 * backoff, rejoin) and the outbound pace (token bucket); it decides nothing about commands.
 */
import IRC, { type Client, type ClientOptions, type JoinEvent, type PrivmsgEvent } from 'irc-framework';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import type { Handoff } from '../../src/core/handoff.js';
import type { Adapter, AdapterStatus, Identity, Message, Reply } from '../../src/core/types.js';
import { backoffDelay } from './backoff.js';
import type { IrcOptions } from './config.js';
import { SendQueue } from './flood.js';
import { Members } from './members.js';
import { RoomModes } from './room-modes.js';
import { addressing } from '../addressing.js';
import { fitLines, ircReading, oneLine, renderIrc } from './render.js';
import { sanitizeIrc, textBudget, type Prefix } from './split.js';

export type { IrcOptions } from './config.js';
export { readIrcOptions } from './config.js';

/** Output waits for proof of life when the server has been silent this long (ms). */
const PROBE_AFTER_MS = 5000;
/** Channels not joined after this long (ms) no longer hold back the queue. */
const JOIN_GRACE_MS = 5000;
const STOP_GRACE_MS = 2000;
/** start() returns after this long even when the server is still unreachable; reconnecting goes on. */
const START_WAIT_MS = 20_000;
// Bold, colour, reset, italics, underline, reverse, monospace, strike: formatting, not text.
const FORMATTING = /\x02|\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x0f\x11\x16\x1d\x1e\x1f]/g;
const TARGET = /^[^\s\x00-\x20,:][^\s\x00-\x20,]{0,99}$/;

export function createIrcAdapter(ctx: AdapterContext, options: IrcOptions): Adapter & { readonly nick: string } {
  return new IrcAdapter(ctx, options);
}

class IrcAdapter implements Adapter {
  readonly name = 'irc';
  private client: Client | undefined;
  private registered = false;
  private registeredAt = 0;
  private stopping = false;
  private attempt = 0;
  private reconnects = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastInbound = 0;
  private lastProbe = 0;
  private nickIndex = 0;
  private self: Prefix;
  private lastError: string | undefined;
  private readonly joined = new Set<string>();
  private readonly members = new Members((t) => this.fold(t));
  private readonly roomModes = new RoomModes((t) => this.fold(t));
  private readonly queue: SendQueue;
  private readonly rooms = new Map<string, Promise<void>>();
  /** Channel topics as last seen, and those a meeting replaced (to put back at its end). */
  private readonly topics = new Map<string, string>();
  private readonly savedTopics = new Map<string, string>();
  private firstJoin: (() => void) | undefined;
  private readonly log;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly options: IrcOptions,
  ) {
    this.log = ctx.logger.child({ adapter: 'irc' });
    this.self = { nick: options.nicks[0]! };
    this.queue = new SendQueue({ ...options.flood, maxLines: options.queueLines, write: (line) => this.write(line), ready: () => this.ready() });
  }

  get nick(): string {
    return this.self.nick;
  }

  /** Resolves once connected and in the configured channels (or after the join grace time); retries run on in the background. */
  start(): Promise<void> {
    this.stopping = false;
    const joinedAll = new Promise<void>((resolve) => (this.firstJoin = resolve));
    const giveUp = setTimeout(() => {
      this.log.warn({ host: this.options.host, port: this.options.port }, 'not connected yet; still trying in the background');
      this.firstJoin?.();
    }, START_WAIT_MS);
    this.connect();
    return joinedAll.finally(() => clearTimeout(giveUp));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    this.firstJoin?.();
    const client = this.client;
    if (client && client.connected) {
      await this.queue.flush(STOP_GRACE_MS);
      const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
      client.quit(sanitizeIrc(this.options.quitMessage));
      await Promise.race([closed, new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
    }
    this.queue.close();
    this.dispose();
  }

  async send(room: string, reply: Reply, handoff?: Handoff): Promise<void> {
    if (!TARGET.test(room)) throw new Error(`'${room}' is not an IRC channel or nick`);
    if (!handoff) return this.queue.push(this.lines(room, reply));
    // A promised message is one line, made from the reply the claim returns as the line leaves the queue.
    await this.queue.push([
      () => {
        const now = handoff.claim();
        return now ? this.line(room, now) : null;
      },
    ]);
  }

  /** A query to whoever holds the account now (or the nick last seen for it): IRC keeps no message for the absent. */
  async sendPrivate(account: string, name: string, reply: Reply, handoff?: Handoff): Promise<void> {
    const nick = this.members.nickOf(account) ?? name;
    if (TARGET.test(nick) && !this.isChannelName(nick)) return this.send(nick, reply, handoff);
    throw new Error(`no nick to reach the IRC account '${account}'`);
  }

  status(): AdapterStatus {
    // A private channel (+k/+i/+s/+p) is counted, never named: /healthz is public.
    const shown = [...this.joined].filter((c) => !this.roomModes.isPrivate(c, this.keyOf(c)));
    const hidden = this.joined.size - shown.length;
    const rooms = [...shown, ...(hidden ? [`${hidden} private channel${hidden === 1 ? '' : 's'}`] : [])].join(', ') || 'no channels';
    const state = this.registered ? `as ${this.self.nick} in ${rooms}` : 'reconnecting';
    return {
      connected: this.registered,
      reconnects: this.reconnects,
      detail: `${this.options.host}:${this.options.port} ${state}${this.queue.size ? `, ${this.queue.size} lines queued` : ''}${this.lastError ? ` (last error: ${this.lastError})` : ''}`,
    };
  }

  // ---- connection ----

  private connect(): void {
    this.dispose();
    this.nickIndex = 0;
    const o = this.options;
    const client = new IRC.Client();
    this.client = client;
    this.listen(client);
    const connectOptions: ClientOptions = {
      host: o.host,
      port: o.port,
      tls: o.tls,
      rejectUnauthorized: o.tlsVerify,
      nick: o.nicks[0]!,
      username: o.username,
      gecos: o.realname,
      password: o.serverPassword,
      // Reconnecting is ours (backoff with jitter, fresh client, rejoin); irc-framework's gives up after 3 tries.
      auto_reconnect: false,
      ping_interval: o.pingIntervalMs / 1000,
      ping_timeout: o.pingTimeoutMs / 1000,
      // We split lines ourselves, by bytes and with the real prefix; this only guards irc-framework's own sends.
      message_max_length: 400,
      enable_chghost: true,
      version: null,
    };
    if (o.sasl?.mechanism === 'PLAIN') connectOptions.account = { account: o.sasl.user, password: o.sasl.password };
    if (o.sasl?.mechanism === 'EXTERNAL') connectOptions.sasl_mechanism = 'EXTERNAL';
    if (o.clientCert) connectOptions.client_certificate = { certificate: o.clientCert.certificate, private_key: o.clientCert.privateKey };
    this.log.info({ host: o.host, port: o.port, tls: o.tls, attempt: this.attempt }, 'connecting');
    client.connect(connectOptions);
  }

  /** Forget the old client entirely: no stale event can reach us from it. */
  private dispose(): void {
    const old = this.client;
    this.client = undefined;
    this.registered = false;
    this.joined.clear();
    this.members.clear();
    if (old) {
      old.removeAllListeners();
      // Swallow late socket errors of the dead connection.
      old.on('close', () => undefined);
      old.connection.end(undefined, true);
    }
  }

  private scheduleReconnect(why: string): void {
    if (this.stopping || this.reconnectTimer) return;
    const wait = backoffDelay(this.attempt++, this.options.reconnect);
    this.log.warn({ why, wait, attempt: this.attempt }, 'connection lost; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping) this.connect();
    }, wait);
  }

  private listen(client: Client): void {
    const mine = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
      if (this.client === client) fn(...args);
    };
    client.on('raw', mine((e) => {
      if (!e.from_server) return;
      const quiet = Date.now() - this.lastInbound > PROBE_AFTER_MS;
      this.lastInbound = Date.now();
      if (quiet) this.queue.kick();
    }));
    client.on('registered', mine((e) => this.onRegistered(client, e.nick)));
    client.on('nick in use', mine(() => this.nextNick(client)));
    client.on('nick invalid', mine(() => this.nextNick(client)));
    client.on('sasl failed', mine((e) => {
      this.lastError = `SASL failed: ${e.reason}`;
      this.log.error({ reason: e.reason }, 'SASL authentication failed; continuing without an account');
    }));
    client.on('loggedin', mine((e) => this.log.info({ account: e.account }, 'logged in to services')));
    client.on('ping timeout', mine(() => {
      this.lastError = 'ping timeout';
      this.log.warn({ timeoutMs: this.options.pingTimeoutMs }, 'server stopped answering (PING timeout)');
    }));
    client.on('socket close', mine((err) => {
      if (err) this.lastError = err.message;
    }));
    client.on('close', mine(() => {
      this.registered = false;
      this.joined.clear();
      this.members.clear();
      this.scheduleReconnect(this.lastError ?? 'closed');
    }));
    client.on('join', mine((e) => this.onJoin(client, e)));
    client.on('part', mine((e) => this.onLeave(e.channel, e.nick)));
    client.on('kick', mine((e) => this.onLeave(e.channel, e.kicked)));
    client.on('quit', mine((e) => {
      this.members.quit(e.nick);
      this.regainNick(client, e.nick);
    }));
    client.on('nick', mine((e) => {
      if (this.same(e.nick, this.self.nick)) this.self = { ...this.self, nick: e.new_nick };
      this.members.rename(e.nick, e.new_nick);
      if (!this.same(e.new_nick, this.self.nick)) this.ctx.renamed?.({ network: 'irc', from: e.nick, user: this.identity(e.new_nick, this.members.account(e.new_nick)) });
      this.regainNick(client, e.nick);
    }));
    client.on('account', mine((e) => this.members.setAccount(e.nick, e.account)));
    client.on('userlist', mine((e) => this.members.names(e.channel, e.users, this.operatorModes(client))));
    client.on('wholist', mine((e) => {
      for (const u of e.users) this.members.setAccount(u.nick, u.account ?? null);
    }));
    client.on('channel info', mine((e) => {
      if (e.modes) this.roomModes.set(e.channel, e.modes);
    }));
    client.on('mode', mine((e) => {
      if (!this.isChannel(client, e.target)) return;
      this.roomModes.change(e.target, e.modes);
      const opModes = this.operatorModes(client);
      for (const m of e.modes) if (m.param && opModes.includes(m.mode.slice(1))) this.members.setOp(e.target, m.param, m.mode.startsWith('+'));
    }));
    client.on('irc error', mine((e) => {
      // After our own QUIT the server closes the link with an ERROR ("Closing Link … rdobot shutting down"): that is
      // how a normal stop ends, not a refusal worth a warning.
      if (this.stopping) return void this.log.debug({ error: e.error, reason: e.reason }, 'server closed the link after QUIT');
      this.lastError = `${e.error}${e.channel ? ` ${e.channel}` : ''}`;
      this.log.warn({ error: e.error, channel: e.channel, reason: e.reason }, 'server refused a request');
    }));
    client.on('privmsg', mine((e) => this.onPrivmsg(client, e)));
    // `/me` lines are said in the channel too: a meeting records them (they never address the bot).
    client.on('action', mine((e) => this.onPrivmsg(client, e, true)));
    client.on('topic', mine((e) => this.topics.set(this.fold(e.channel), e.topic)));
    // NOTICEs are never answered (RFC 2812: that is how bot loops are avoided).
  }

  private onRegistered(client: Client, nick: string): void {
    this.registered = true;
    this.registeredAt = Date.now();
    this.lastInbound = Date.now();
    this.self = { nick };
    if (this.attempt > 0 || this.reconnects > 0 || this.lastError) this.reconnects++;
    this.attempt = 0;
    this.lastError = undefined;
    this.log.info({ nick, network: client.network.name }, 'registered');
    const ns = this.options.nickserv;
    if (ns && !this.options.sasl) client.raw(`PRIVMSG ${ns.nick} :IDENTIFY ${sanitizeIrc(ns.password)}`);
    for (const c of this.options.channels) client.join(c.name, c.key);
    if (this.options.channels.length === 0) this.firstJoin?.();
    // Lines held back for unjoined channels go out anyway once the grace time is over.
    setTimeout(() => {
      this.firstJoin?.();
      this.queue.kick();
    }, JOIN_GRACE_MS).unref();
    this.queue.kick();
  }

  private nextNick(client: Client): void {
    if (this.registered) return;
    this.nickIndex++;
    const nicks = this.options.nicks;
    const next = this.nickIndex < nicks.length ? nicks[this.nickIndex]! : `${nicks[0]!.slice(0, 12)}${Math.floor(Math.random() * 1000)}`;
    this.log.warn({ nick: next }, 'nick taken; trying another');
    this.self = { nick: next };
    client.changeNick(next);
  }

  /**
   * On a fallback nick, take the wanted one as soon as it is free (its holder quit or changed nick,
   * typically our own ghost from before a reconnect), so addressing by name works again.
   */
  private regainNick(client: Client, freed: string): void {
    const wanted = this.options.nicks[0]!;
    if (this.registered && this.same(freed, wanted) && !this.same(this.self.nick, wanted)) {
      this.log.info({ nick: wanted }, 'wanted nick is free again; taking it');
      client.changeNick(wanted);
    }
  }

  private onJoin(client: Client, { nick, channel, account, ident, hostname }: JoinEvent): void {
    if (this.same(nick, this.self.nick)) {
      // Our own JOIN shows the mask the server prefixes our lines with: the exact byte budget.
      this.self = { nick, user: ident, host: hostname };
      this.joined.add(this.fold(channel));
      this.log.info({ channel }, 'joined');
      // Its modes say whether it is private (+k/+i/+s/+p): what is recorded there stays there.
      client.raw('MODE', channel);
      // Accounts of those already there: WHOX where the server has it and messages carry no account tag.
      if (!client.network.cap.isEnabled('account-tag') && client.network.supports('WHOX')) client.who(channel);
      if (this.options.channels.every((c) => this.joined.has(this.fold(c.name)))) this.firstJoin?.();
      this.queue.kick();
      return;
    }
    this.members.setAccount(nick, account);
    this.members.joined(channel, nick);
  }

  private onLeave(channel: string, nick: string): void {
    if (this.same(nick, this.self.nick)) {
      this.joined.delete(this.fold(channel));
      this.members.forgetChannel(channel);
      this.roomModes.forget(channel);
    } else this.members.left(channel, nick);
  }

  // ---- messages ----

  private onPrivmsg(client: Client, e: PrivmsgEvent, emote = false): void {
    if (e.from_server || !e.nick || this.same(e.nick, this.self.nick)) return;
    const isPrivate = !this.isChannel(client, e.target);
    const room = isPrivate ? e.nick : e.target;
    // With account-tag every message says who is logged in; without it, what we tracked.
    const account = client.network.cap.isEnabled('account-tag') ? e.account || undefined : this.members.account(e.nick);
    const text = e.message.replace(FORMATTING, '');
    const message: Message = {
      network: 'irc',
      room,
      isPrivate,
      ...(!isPrivate && this.roomModes.isPrivate(room, this.keyOf(room)) ? { roomPrivate: true } : {}),
      user: this.identity(e.nick, account),
      text,
      // The configured nick and the one held now (a fallback while the first is taken) both address the bot.
      addressed: emote ? undefined : addressing(text, { prefix: this.ctx.prefix, names: [this.ctx.nick, client.user.nick] }, isPrivate),
      ...(emote ? { emote } : {}),
      ...(isPrivate ? {} : { roomPeople: () => this.members.inChannel(room) }),
      syntax: this.ctx.prefix,
      time: new Date(e.time ?? Date.now()),
      id: e.tags?.msgid,
      roles: !isPrivate && this.members.isOp(room, e.nick) ? ['operator'] : [],
      ...ircReading(this.options, isPrivate),
    };
    // One room's answers go out in the order they were asked.
    const key = this.fold(room);
    const previous = this.rooms.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.answer(message)).catch((err: unknown) => this.log.error({ err, room }, 'could not answer'));
    this.rooms.set(key, next);
    void next.then(() => {
      if (this.rooms.get(key) === next) this.rooms.delete(key);
    });
  }

  /** Who holds a nick: their services account where known, else the connection followed across nick changes. */
  private identity(nick: string, account: string | undefined): Identity {
    return { id: account ?? nick, name: nick, verified: account !== undefined, ...(account === undefined ? { session: this.members.session(nick) } : {}) };
  }

  /** The key a channel is configured with, if any. */
  private keyOf(channel: string): string | undefined {
    return this.options.channels.find((c) => this.fold(c.name) === this.fold(channel))?.key;
  }

  private async answer(message: Message): Promise<void> {
    const reply = await this.ctx.handle(message);
    if (!reply || this.stopping) return;
    if (reply.topic && !message.isPrivate) this.setTopic(message.room, reply.topic);
    // Not awaited: the room's next question need not wait for the flood queue. An acknowledgement may be shed by a
    // full queue; `sent` tells the meeting log when the reply really left.
    this.queue.push(this.lines(message.room, reply, message.isPrivate), reply.droppable === true).then(
      () => reply.sent?.(),
      () => undefined,
    );
  }

  /**
   * A meeting's topic as the channel topic (IRC_MEETING_TOPIC; the bot needs the right to set it), and the topic it
   * replaced put back at the end. Never done unless configured: many channels keep their topic for other things.
   */
  private setTopic(channel: string, topic: NonNullable<Reply['topic']>): void {
    if (!this.options.meetingTopic) return;
    const key = this.fold(channel);
    if ('set' in topic) {
      if (!this.savedTopics.has(key)) this.savedTopics.set(key, this.topics.get(key) ?? '');
      void this.queue.push([`TOPIC ${channel} :${sanitizeIrc(topic.set)}`]).catch(() => undefined);
    } else if (this.savedTopics.has(key)) {
      const before = this.savedTopics.get(key)!;
      this.savedTopics.delete(key);
      void this.queue.push([`TOPIC ${channel} :${sanitizeIrc(before)}`]).catch(() => undefined);
    }
  }

  /** Protocol lines for a reply: rendered, capped, split to the byte budget, sanitized last. */
  private lines(target: string, reply: Reply, isPrivate = false): string[] {
    const { command, budget } = this.budget(target);
    const text = fitLines(renderIrc(reply, { bold: this.options.bold, maxLines: ircReading(this.options, isPrivate).maxLines }), budget);
    return text.map((t) => `${command} ${target} :${sanitizeIrc(t)}`);
  }

  /** The one protocol line of a promised message: its first line of text, cut to the byte budget if it must be. */
  private line(target: string, reply: Reply): string {
    const { command, budget } = this.budget(target);
    return `${command} ${target} :${sanitizeIrc(oneLine(reply, budget))}`;
  }

  private budget(target: string): { command: string; budget: number } {
    const command = this.options.replyWith === 'notice' ? 'NOTICE' : 'PRIVMSG';
    const longestNick = [this.self.nick, ...this.options.nicks].reduce((a, b) => (b.length > a.length ? b : a));
    // The mask is known once we have seen our own JOIN; until then, budget for the longest one.
    const prefix: Prefix = this.registered ? { ...this.self, nick: longestNick } : { nick: longestNick };
    return { command, budget: textBudget(prefix, command, target) };
  }

  private write(line: string): boolean {
    const client = this.client;
    if (!client || !client.connected || !this.registered) return false;
    // Belt and braces: whatever happened upstream, one queued line is one protocol line.
    client.raw(sanitizeIrc(line));
    return true;
  }

  /** Lines go out only on a registered connection that has recently shown it is alive. */
  private ready(): boolean {
    const client = this.client;
    if (!client || !client.connected || !this.registered) return false;
    const joining = this.options.channels.some((c) => !this.joined.has(this.fold(c.name)));
    if (joining && Date.now() - this.registeredAt < JOIN_GRACE_MS) return false;
    if (Date.now() - this.lastInbound > PROBE_AFTER_MS) {
      // Silent server: ask it; its PONG (any line) kicks the queue again.
      if (Date.now() - this.lastProbe > PROBE_AFTER_MS) {
        this.lastProbe = Date.now();
        client.raw(`PING :probe${Date.now()}`);
      }
      return false;
    }
    return true;
  }

  // ---- names ----

  private operatorModes(client: Client): string[] {
    const prefix = client.network.supports('PREFIX');
    // irc-framework keeps PREFIX as [{symbol, mode}], highest first; operator is 'o' and above.
    if (Array.isArray(prefix)) {
      const modes = (prefix as { mode: string }[]).map((p) => p.mode);
      const o = modes.indexOf('o');
      if (o >= 0) return modes.slice(0, o + 1);
    }
    return ['q', 'a', 'o'];
  }

  private isChannel(client: Client, target: string): boolean {
    const types = client.network.supports('CHANTYPES');
    return (typeof types === 'string' ? types : '#&').includes(target[0] ?? '');
  }

  private isChannelName(target: string): boolean {
    return this.client ? this.isChannel(this.client, target) : /^[#&]/.test(target);
  }

  private fold(text: string): string {
    return this.client ? this.client.caseLower(text) : text.toLowerCase();
  }

  private same(a: string, b: string): boolean {
    return this.fold(a) === this.fold(b);
  }
}
