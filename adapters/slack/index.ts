/**
 * Slack adapter on @slack/bolt: translates slash commands, mentions, `!` messages and DMs into core
 * Messages, and Replies into Block Kit messages. It decides nothing about commands; the core does.
 */
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  type AllMiddlewareArgs,
  type BlockAction,
  type ButtonAction,
  type SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import type { Handoff } from '../../src/core/handoff.js';
import type { Adapter, AdapterStatus, Reply } from '../../src/core/types.js';
import { renderSlack, SHARE_ACTION, shareBlock, type SlackMessage } from './render.js';
import type { SlackOptions } from './config.js';
import { Deduper } from './dedupe.js';
import { slackToPlain } from './escape.js';
import { addressing } from '../addressing.js';
import { PAGE, SlackRoomPeople } from './room-people.js';
import { isSlackPrivate, mentionCommand, mentionsBot, parseSlashCommand, slackMessage, toBot, type SlackChat, type SlackSaid } from './inbound.js';
import { boltLogger } from './logger.js';

export type { SlackOptions } from './config.js';
export { readSlackOptions } from './config.js';

export function createSlackAdapter(ctx: AdapterContext, options: SlackOptions): SlackAdapter {
  return new SlackAdapter(ctx, options);
}

/** The fields of a message or app_mention event the adapter reads (Bolt's unions are wider than needed). */
interface ChatEvent {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  team?: string;
}

interface Person {
  name: string;
  operator: boolean;
  /** The zone in their Slack profile (IANA), the default for the times shown to them. */
  zone?: string;
  /** When it was asked (ms). */
  at: number;
}

/** Names and admin flags are asked again after this long, so a demoted admin does not stay an operator. */
const PERSON_TTL_MS = 10 * 60 * 1000;

interface EventEnvelope {
  event_id?: string;
  team_id?: string;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
  }
  return error instanceof Error ? error.message : String(error);
}

export class SlackAdapter implements Adapter {
  readonly name = 'slack';
  private readonly app: App;
  private readonly receiver: HTTPReceiver | SocketModeReceiver;
  private readonly log;
  private readonly seen = new Deduper();
  private readonly people = new Map<string, Person>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Each channel's members by name: possible owners of a meeting's actions who have not spoken yet. */
  private readonly roomPeople = new SlackRoomPeople({
    members: async (channel, cursor) => {
      const page = await this.app.client.conversations.members({ channel, limit: PAGE, ...(cursor ? { cursor } : {}) });
      return { members: page.members ?? [], next: page.response_metadata?.next_cursor };
    },
    name: async (user) => (await this.person(user)).name,
    now: () => Date.now(),
    failed: (channel, error) => this.log.debug({ channel, err: describe(error) }, 'slack: conversations.members failed; the channel\'s silent members are not known as owners'),
  });
  private server: Server | undefined;
  private connected = false;
  private reconnects = 0;
  private lastError: string | undefined;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly options: SlackOptions,
  ) {
    this.log = ctx.logger.child({ adapter: 'slack' });
    const logger = boltLogger(this.log);
    const connection = options.connection;
    // Signatures are always checked: the receiver is never given `signatureVerification: false`.
    this.receiver =
      connection.mode === 'http'
        ? new HTTPReceiver({ signingSecret: connection.signingSecret, endpoints: connection.path, logger, processBeforeResponse: false })
        : new SocketModeReceiver({ appToken: connection.appToken, logger, installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } });
    this.app = new App({
      token: options.botToken,
      receiver: this.receiver,
      logger,
      // auth.test runs in start(), so a bad token fails there and not in a constructor.
      deferInitialization: true,
      clientOptions: {
        slackApiUrl: options.apiUrl,
        // A 429 waits its Retry-After and is tried again (rejectRateLimitedCalls: false); 5xx and
        // dropped connections back off exponentially. Only a definite refusal (ok: false) is final.
        rejectRateLimitedCalls: false,
        retryConfig: { retries: options.sendRetries, factor: 2, minTimeout: options.retryMinMs ?? 1000, maxTimeout: 60_000, randomize: true },
      },
    });
    this.register();
    if (this.receiver instanceof SocketModeReceiver) {
      const client = this.receiver.client;
      client.on('connected', () => (this.connected = true));
      client.on('disconnected', () => (this.connected = false));
      client.on('reconnecting', () => {
        this.connected = false;
        this.reconnects += 1;
      });
    }
  }

  async start(): Promise<void> {
    await this.app.init();
    const connection = this.options.connection;
    if (this.receiver instanceof SocketModeReceiver) {
      await this.receiver.start();
      this.connected = true;
      this.log.info('slack: connected over Socket Mode');
    } else if (connection.mode === 'http' && connection.listen !== false) {
      this.server = await this.receiver.start({ port: connection.port, host: connection.host });
      this.connected = true;
      this.log.info({ host: connection.host, port: this.port, path: connection.path }, 'slack: receiving events over HTTP');
    } else {
      this.connected = true;
    }
  }

  async stop(): Promise<void> {
    this.connected = false;
    if (this.receiver instanceof SocketModeReceiver) {
      // Also ends a reconnect loop when the connection never came up.
      await this.receiver.stop();
    } else if (this.server) {
      this.server.closeIdleConnections();
      await this.receiver.stop();
      this.server = undefined;
    }
    await Promise.allSettled([...this.inFlight]);
  }

  async send(room: string, reply: Reply, handoff?: Handoff): Promise<void> {
    // A promised message is claimed right before its one chat.postMessage.
    const now = handoff ? handoff.claim() : reply;
    if (!now) return;
    try {
      await this.post(room, renderSlack(now));
    } catch (error) {
      this.lastError = describe(error);
      this.log.error({ channel: room, err: this.lastError }, 'slack: could not post to channel');
      throw error;
    }
  }

  /** A DM from the app: the conversation with the user (`conversations.open`), or the user id, which Slack also takes. */
  async sendPrivate(user: string, _name: string, reply: Reply, handoff?: Handoff): Promise<void> {
    const id = user.slice(user.lastIndexOf('/') + 1);
    let channel = id;
    try {
      const opened = await this.app.client.conversations.open({ users: id });
      channel = opened.channel?.id ?? id;
    } catch (error) {
      this.log.debug({ user: id, err: describe(error) }, 'slack: conversations.open failed; posting to the user id');
    }
    await this.send(channel, reply, handoff);
  }

  status(): AdapterStatus {
    const mode = this.options.connection.mode === 'http' ? `HTTP on ${this.port ?? 'a shared server'}` : 'Socket Mode';
    return { connected: this.connected, reconnects: this.reconnects, detail: this.lastError ? `${mode}; last error: ${this.lastError}` : mode };
  }

  /** The port the HTTP receiver listens on (useful with port 0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  /** For mounting the HTTP receiver on a shared server (with `listen: false`): answers the configured path. */
  requestHandler(): RequestListener | undefined {
    return this.receiver instanceof HTTPReceiver ? this.receiver.requestListener : undefined;
  }

  // ---- incoming ----

  private register(): void {
    this.app.command(this.options.command, this.onCommand(undefined));
    for (const family of this.options.familyCommands) this.app.command(`/${family}`, this.onCommand(family));
    this.app.event('app_mention', async ({ event, body, context }) => {
      const line = mentionCommand(event.text, context.botUserId);
      if (line === null) return;
      await this.onChat(event, body, { text: slackToPlain(event.text), addressed: toBot(line, 'name', this.ctx.prefix) }, context.retryNum);
    });
    this.app.message(async ({ message, body, context }) => {
      const event = message as ChatEvent;
      const text = event.text ?? '';
      const isPrivate = isSlackPrivate({ channel: event.channel, channelType: event.channel_type });
      // In a channel, a message that mentions the bot also arrives as app_mention, which answers it.
      if (!isPrivate && mentionsBot(text, context.botUserId)) return;
      const plain = slackToPlain(text);
      // `/me` arrives as a me_message: said in the channel (a meeting logs it), never a command.
      if (event.subtype === 'me_message') return this.onChat(event, body, { text: plain, emote: true }, context.retryNum);
      const lead = isPrivate ? mentionCommand(text, context.botUserId) : null;
      const addressed = lead === null ? addressing(plain, { prefix: this.ctx.prefix, names: [this.ctx.nick] }, isPrivate) : toBot(lead, 'name', this.ctx.prefix);
      await this.onChat(event, body, { text: plain, ...(addressed ? { addressed } : {}) }, context.retryNum);
    });
    // Who is in a channel follows its joins and leaves (the events the app subscribes to; without them, a refresh later).
    this.app.event('member_joined_channel', async ({ event }) => {
      await this.roomPeople.joined(event.channel, event.user);
    });
    this.app.event('member_left_channel', async ({ event }) => {
      this.roomPeople.left(event.channel, event.user);
    });
    this.app.action<BlockAction<ButtonAction>>({ action_id: SHARE_ACTION }, async ({ ack, body, action, respond }) => {
      await ack();
      const channel = body.channel?.id;
      if (!action.value || !channel || !this.seen.first(`trigger:${body.trigger_id}`)) return;
      const line = action.value;
      await this.track(async () => {
        const person = await this.person(body.user.id, body.user.username);
        const chat: SlackChat = { team: body.team?.id ?? body.user.team_id, user: body.user.id, name: person.name, operator: person.operator, zone: person.zone, channel, id: body.trigger_id };
        // Asked again as the one who clicked, so permissions and mutes apply to them as to any question.
        const reply = await this.ctx.handle(slackMessage(chat, { text: line, addressed: toBot(line, 'slash', this.ctx.prefix) }, this.options.command));
        if (!reply) return;
        if (reply.kind === 'error') return void (await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) }));
        await respond({ response_type: 'in_channel', replace_original: false, ...renderSlack(reply) });
        await respond({ delete_original: true });
      }, channel);
    });
    this.app.error(async (error) => {
      this.lastError = describe(error);
      this.log.error({ err: this.lastError }, 'slack: handling a request failed');
    });
  }

  private onCommand(family: string | undefined) {
    return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      // Acknowledge first: Slack gives up after 3 s; the answer follows on the response_url.
      await ack();
      if (!this.seen.first(`trigger:${command.trigger_id}`)) return this.log.debug({ trigger: command.trigger_id }, 'slack: repeated slash command ignored');
      const request = parseSlashCommand(command.text, family, this.options.publicByDefault);
      await this.track(async () => {
        const person = await this.person(command.user_id, command.user_name);
        const chat: SlackChat = {
          team: command.team_id,
          user: command.user_id,
          name: person.name,
          operator: person.operator,
          zone: person.zone,
          channel: command.channel_id,
          channelType: command.channel_name === 'directmessage' ? 'im' : command.channel_name === 'privategroup' || command.channel_name.startsWith('mpdm-') ? 'group' : undefined,
          id: command.trigger_id,
        };
        const said = { text: `${command.command} ${command.text}`.trim(), addressed: toBot(request.line, 'slash', this.ctx.prefix) };
        const reply = await this.ctx.handle(slackMessage(chat, said, this.options.command));
        if (!reply) return;
        // A mistake is shown to the asker only, even when the answer would have gone to everyone.
        const inChannel = request.inChannel && reply.kind !== 'error';
        const message = renderSlack(reply);
        const share = !inChannel && reply.kind !== 'error' && message.blocks.length < 50 ? shareBlock(request.line) : undefined;
        if (share) message.blocks.push(share);
        await respond({ response_type: inChannel ? 'in_channel' : 'ephemeral', ...message });
      }, command.channel_id);
    };
  }

  private async onChat(event: ChatEvent, body: EventEnvelope, said: SlackSaid, retryNum: number | undefined): Promise<void> {
    // Edits, joins and other bots' posts (and the bot's own) are not questions.
    if ((event.subtype !== undefined && !(event.subtype === 'me_message' && said.emote)) || event.bot_id || !event.user || !event.text) return;
    if (!this.seen.first(body.event_id && `event:${body.event_id}`, `ts:${event.channel}:${event.ts}`)) {
      this.log.debug({ event: body.event_id, retryNum }, 'slack: redelivered event ignored');
      return;
    }
    const user = event.user;
    await this.track(async () => {
      const person = await this.person(user);
      const chat: SlackChat = {
        team: body.team_id ?? event.team,
        user,
        name: person.name,
        operator: person.operator,
        zone: person.zone,
        channel: event.channel,
        channelType: event.channel_type,
        ts: event.ts,
        id: body.event_id,
      };
      // In a channel, its members: a meeting's #action may name one who has not spoken yet.
      const roomPeople = isSlackPrivate(chat) ? undefined : await this.roomPeople.of(event.channel);
      const reply = await this.ctx.handle({ ...slackMessage(chat, said, this.options.command), ...(roomPeople ? { roomPeople, roomPerson: (name: string) => this.roomPeople.idOf(event.channel, name) } : {}) });
      if (reply) {
        await this.post(event.channel, renderSlack(reply), event.thread_ts);
        reply.sent?.();
      }
    }, event.channel);
  }

  /**
   * Display name and whether the workspace makes them an admin or owner (a channel operator for the core),
   * asked at most every few minutes per user. Without users:read, or with Slack unreachable: the fallback name, no role.
   */
  private async person(user: string, fallbackName?: string): Promise<Person> {
    const known = this.people.get(user);
    if (known && Date.now() - known.at < PERSON_TTL_MS) return known;
    let person: Person = { name: fallbackName || user, operator: false, at: Date.now() };
    try {
      const info = await this.app.client.users.info({ user });
      const u = info.user;
      person = { name: u?.profile?.display_name || u?.real_name || u?.name || person.name, operator: Boolean(u?.is_admin || u?.is_owner), zone: u?.tz || undefined, at: Date.now() };
    } catch (error) {
      this.log.debug({ user, err: describe(error) }, 'slack: users.info failed; no display name or role for this user');
    }
    this.people.set(user, person);
    return person;
  }

  // ---- outgoing ----

  /** One chat.postMessage; the Web API client waits out 429s and retries 5xx (see clientOptions). */
  private async post(channel: string, message: SlackMessage, threadTs?: string): Promise<void> {
    await this.app.client.chat.postMessage({
      channel,
      ...message,
      thread_ts: threadTs,
      // Our text is escaped already; Slack must not link names or unfurl post pages into big previews.
      parse: 'none',
      link_names: false,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  /** Run one answer, remembered until it ends so stop() can wait for it; failures are logged with the channel. */
  private async track(work: () => Promise<void>, channel: string): Promise<void> {
    const running = work().catch((error: unknown) => {
      this.lastError = describe(error);
      this.log.error({ channel, err: this.lastError }, 'slack: answering failed');
    });
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }
}
