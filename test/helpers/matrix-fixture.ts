/**
 * One homeserver stand-in with a bot account, a room (#rdo) and a few people, plus the
 * real Matrix adapter connected to it. Tests ask like users and read what the bot sent.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createMatrixAdapter, type MatrixOptions } from '../../adapters/matrix/index.js';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import type { Adapter, Message } from '../../src/core/types.js';
import { MatrixHomeserver, type HsEvent } from './matrix-homeserver.js';

export const BOT = '@rdobot:hs.test';
export const ALICE = '@alice:hs.test';
export const OP = '@op:hs.test';
export const BOT_TOKEN = 'bot-secret-token';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export class MatrixFixture {
  readonly hs = new MatrixHomeserver('hs.test');
  readonly logs: LogLine[] = [];
  /** Messages the adapter handed to the core, as translated. */
  readonly handled: Message[] = [];
  roomId = '';
  context!: AdapterContext;
  private readonly adapters: Adapter[] = [];

  /** Start the homeserver and wire a context that records what the adapter hands the core. */
  async setUp(base: AdapterContext): Promise<this> {
    await this.hs.start();
    this.hs.addUser(BOT, { token: BOT_TOKEN, displayname: 'rdobot', password: 'bot-password' });
    this.hs.addUser(ALICE, { displayname: 'Alice' });
    this.hs.addUser(OP, { displayname: 'Opal' });
    this.roomId = this.hs.createRoom({ name: 'rdo', alias: '#rdo:hs.test', creator: OP, members: [ALICE] });
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    this.context = {
      ...base,
      logger: pino({ level: 'info' }, sink),
      handle: async (m) => {
        this.handled.push(m);
        return base.handle(m);
      },
    };
    return this;
  }

  options(extra: Partial<MatrixOptions> = {}): MatrixOptions {
    return {
      homeserverUrl: this.hs.url,
      accessToken: BOT_TOKEN,
      rooms: ['#rdo:hs.test'],
      inviteAllow: [OP],
      operatorPowerLevel: 50,
      pollTimeoutMs: 5000,
      sendGiveUpMs: 8000,
      deviceName: 'rdobot',
      encryption: true,
      ...extra,
    };
  }

  /** A started adapter (joined and past its first sync); stopped by tearDown. */
  async startBot(extra: Partial<MatrixOptions> = {}): Promise<Adapter> {
    const adapter = createMatrixAdapter(this.context, this.options(extra));
    this.adapters.push(adapter);
    await adapter.start();
    return adapter;
  }

  /** The most recently started adapter. */
  startedAdapter(): Adapter {
    const last = this.adapters[this.adapters.length - 1];
    if (!last) throw new Error('no adapter started');
    return last;
  }

  /** What the bot sent into the room. */
  sent(roomId = this.roomId): HsEvent[] {
    return this.hs.sentBy(BOT, roomId);
  }

  /** The bot's reply to one event, once it arrives. */
  replyTo(event: HsEvent, timeoutMs = 5000): Promise<HsEvent> {
    return this.hs.waitFor(
      () => this.sent(event.room_id).find((e) => inReplyTo(e) === event.event_id),
      timeoutMs,
      `a reply to ${event.content.body as string}`,
    );
  }

  async tearDown(): Promise<void> {
    for (const a of this.adapters.splice(0)) await a.stop();
    await this.hs.stop();
  }
}

export function inReplyTo(event: HsEvent): string | undefined {
  const rel = event.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined;
  return rel?.['m.in_reply_to']?.event_id;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
