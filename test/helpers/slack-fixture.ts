import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { SlackOptions } from '../../adapters/slack/config.js';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import type { Message } from '../../src/core/types.js';
import { fixtureBot, type TestBot } from './bot.js';
import { SlackApiStandIn, type ApiCall } from './slack-api.js';
import { eventBody, postSigned, SIGNING_SECRET, slashCommandBody, type Answer, type SignedRequest, type SlashCommand } from './slack-signer.js';
import { until } from './wait.js';

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/**
 * The real Bolt HTTP receiver on 127.0.0.1 (a free port), its Web API client pointed at the
 * stand-in, around a test bot. Records the Messages the core was handed and the log lines.
 */
export class SlackFixture {
  readonly api = new SlackApiStandIn();
  readonly handled: Message[] = [];
  readonly logs: LogLine[] = [];
  adapter!: SlackAdapter;
  private triggers = 0;
  private events = 0;

  async setUp(options: Partial<SlackOptions> = {}, bot?: TestBot): Promise<this> {
    await this.api.start();
    const test = bot ?? (await fixtureBot());
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) this.logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const context: AdapterContext = {
      ...test.context,
      logger: pino({ level: 'debug' }, sink),
      handle: (message) => {
        this.handled.push(message);
        return test.context.handle(message);
      },
    };
    this.adapter = createSlackAdapter(context, {
      botToken: 'xoxb-test-token',
      connection: { mode: 'http', signingSecret: SIGNING_SECRET, host: '127.0.0.1', port: 0, path: '/slack/events' },
      apiUrl: this.api.apiUrl,
      command: '/rdo',
      familyCommands: ['interview'],
      publicByDefault: false,
      sendRetries: 5,
      retryMinMs: 50,
      ...options,
    });
    await this.adapter.start();
    return this;
  }

  async tearDown(): Promise<void> {
    await this.adapter?.stop();
    await this.api.stop();
  }

  /** Where Slack's requests go; set it when the receiver is mounted on another server. */
  mountedAt: string | undefined;

  get eventsUrl(): string {
    return this.mountedAt ?? `http://127.0.0.1:${this.adapter.port}/slack/events`;
  }

  /** Send a slash command; returns Slack's view of the HTTP answer and the response_url id to watch. */
  async command(command: string, text: string, extra: Partial<SlashCommand> = {}, request: SignedRequest = {}): Promise<{ answer: Answer; id: string }> {
    this.triggers += 1;
    const id = `r${this.triggers}`;
    const body = slashCommandBody({ command, text, response_url: this.api.responseUrl(id), trigger_id: `1337.42.trigger${this.triggers}`, ...extra });
    return { answer: await postSigned(this.eventsUrl, body, 'application/x-www-form-urlencoded', request), id };
  }

  /** Send an Events API callback; returns the HTTP answer and the event id used. */
  async event(event: Record<string, unknown>, request: SignedRequest & { eventId?: string } = {}): Promise<{ answer: Answer; eventId: string }> {
    this.events += 1;
    const eventId = request.eventId ?? `Ev0${this.events}`;
    return { answer: await postSigned(this.eventsUrl, eventBody(event, eventId), 'application/json', request), eventId };
  }

  /** Send an interactivity payload (a button click) as Slack does: form-encoded `payload=<json>`. */
  async interaction(payload: Record<string, unknown>, request: SignedRequest = {}): Promise<Answer> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postSigned(this.eventsUrl, body, 'application/x-www-form-urlencoded', request);
  }

  /** A channel message event (or an app_mention with type set), with a fresh ts. */
  chat(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    this.events += 1;
    return { type: 'message', user: 'U0ALICE', text, ts: `1764072000.${String(this.events).padStart(6, '0')}`, channel: 'C0RDO', channel_type: 'channel', team: 'T0RDO', ...fields };
  }

  async responseTo(id: string, ms = 5000): Promise<Record<string, unknown>> {
    await until(() => this.api.responses.some((r) => r.id === id), ms, `an answer on response_url ${id}`);
    return this.api.responses.find((r) => r.id === id)!.body;
  }

  /** Wait for the n-th accepted chat.postMessage (1-based) and return it. */
  async post(n: number, ms = 5000): Promise<ApiCall> {
    await until(() => this.api.posted.length >= n, ms, `chat.postMessage #${n}`);
    return this.api.posted[n - 1];
  }
}

/** All the text of a Block Kit message, for matching. */
export function blockText(blocks: unknown): string {
  return JSON.stringify(blocks);
}
