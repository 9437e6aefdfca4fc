/**
 * Matrix adapter on matrix-js-sdk: translates room messages into core Messages and Replies into
 * m.notice events. It decides nothing about commands; the core does.
 */
import {
  ClientEvent,
  createClient,
  Preset,
  Visibility,
  EventType,
  type IRoomTimelineData,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  type RoomMember,
  RoomMemberEvent,
  SyncState,
} from 'matrix-js-sdk';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import { SendAborted, type Handoff } from '../../src/core/handoff.js';
import type { Adapter, Message, Reply } from '../../src/core/types.js';
import { effectiveInviteAllow, inviteAllowed, refusedInviteMessage, type MatrixOptions } from './config.js';
import { isDirectRoom, matrixLine, powerLevel } from './inbound.js';
import { authenticate } from './login.js';
import { renderMatrix, type MatrixNotice } from './render.js';
import { withRetry } from './retry.js';
import { captureGlobalSdkLog, sdkLogger } from './sdk-logger.js';
import { DirectRooms } from './direct.js';
import { MatrixSessionFile, SyncTokenStore } from './session.js';

export type { MatrixOptions } from './config.js';
export { readMatrixOptions } from './config.js';

/** Events this much older than the bot's start are history, even if a sync delivers them late. */
const CLOCK_SKEW_MS = 30_000;
/** How often a promised message waiting for the homeserver looks again. */
const LIVE_POLL_MS = 250;
const HEALTHY = new Set<SyncState | null>([SyncState.Prepared, SyncState.Syncing, SyncState.Catchup]);

export function createMatrixAdapter(ctx: AdapterContext, options: MatrixOptions): Adapter {
  return new MatrixAdapter(ctx, options);
}

class MatrixAdapter implements Adapter {
  readonly name = 'matrix';
  private client: MatrixClient | undefined;
  private userId = '';
  private startedAt = 0;
  /** False until the first sync is processed: nothing before that is answered. */
  private live = false;
  private stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly powerLevels = new Map<string, Record<string, unknown>>();
  private readonly names = new Map<string, string>();
  private readonly warnedEncrypted = new Set<string>();
  private readonly direct: DirectRooms;
  private readonly log;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly options: MatrixOptions,
  ) {
    this.log = ctx.logger.child({ adapter: 'matrix' });
    this.direct = new DirectRooms(ctx.dataDir);
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    const file = new MatrixSessionFile(this.ctx.dataDir);
    const logger = sdkLogger(this.log);
    captureGlobalSdkLog(this.log);
    const retry = { giveUpMs: this.options.sendGiveUpMs, signal: this.stopping.signal, logger: this.log };
    const { credentials, session } = await authenticate(this.options, file, retry, logger);
    this.userId = credentials.userId;
    const client = createClient({
      baseUrl: this.options.homeserverUrl,
      accessToken: credentials.accessToken,
      userId: credentials.userId,
      deviceId: credentials.deviceId,
      store: new SyncTokenStore(session, file),
      logger,
      useAuthorizationHeader: true,
      timelineSupport: false,
      disableVoip: true,
    });
    this.client = client;
    this.startedAt = Date.now();
    client.on(RoomEvent.Timeline, this.onTimeline);
    client.on(RoomMemberEvent.Membership, this.onMembership);
    client.on(ClientEvent.Sync, this.onSync);
    const prepared = new Promise<void>((resolve, reject) => {
      const watch = (state: SyncState, _prev: SyncState | null, data?: { error?: Error }) => {
        if (state === SyncState.Prepared || state === SyncState.Syncing) {
          client.off(ClientEvent.Sync, watch);
          resolve();
        } else if (state === SyncState.Error && data?.error && 'httpStatus' in data.error && data.error.httpStatus === 401) {
          client.off(ClientEvent.Sync, watch);
          reject(data.error);
        }
      };
      client.on(ClientEvent.Sync, watch);
      this.stopping.signal.addEventListener('abort', () => reject(new Error('matrix adapter stopped while starting')));
    });
    // No crypto is set up (see README: encrypted rooms are refused); presence is not needed.
    await client.startClient({ initialSyncLimit: 0, lazyLoadMembers: false, pollTimeout: this.options.pollTimeoutMs, disablePresence: true });
    await prepared;
    this.live = true;
    for (const room of this.options.rooms) await this.joinConfigured(room);
    for (const room of client.getRooms()) {
      if (room.getMyMembership() === 'invite') this.track(this.answerInvite(room.roomId, room.getMember(this.userId)?.events.member?.getSender()));
    }
    this.log.info({ userId: this.userId, rooms: this.options.rooms }, 'matrix: connected');
  }

  async stop(): Promise<void> {
    this.live = false;
    this.stopping.abort();
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    client.stopClient();
    client.removeAllListeners();
    await Promise.allSettled([...this.inFlight]);
  }

  async send(room: string, reply: Reply, handoff?: Handoff): Promise<void> {
    // A promised message waits (unclaimed) until the homeserver answers syncs, and is claimed right before its one event.
    if (handoff) await this.whenLive();
    const client = this.requireClient();
    const roomId = room.startsWith('#') ? (await client.getRoomIdForAlias(room)).room_id : room;
    if (!handoff) return this.deliver(roomId, renderMatrix(reply));
    this.refuseIfEncrypted(client, roomId);
    const now = handoff.claim();
    if (now) await this.deliver(roomId, renderMatrix(now));
  }

  /** Resolves once the client is syncing; rejects with SendAborted when the adapter stops first. */
  private whenLive(): Promise<void> {
    const live = () => this.live && this.client !== undefined && HEALTHY.has(this.client.getSyncState());
    const signal = this.stopping.signal;
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (signal.aborted || this.stopping.signal.aborted) finish(new SendAborted('matrix adapter stopped before the message could be sent'));
        else if (live()) finish();
      };
      const timer = setInterval(check, LIVE_POLL_MS);
      const finish = (err?: Error) => {
        clearInterval(timer);
        signal.removeEventListener('abort', check);
        if (err) reject(err);
        else resolve();
      };
      signal.addEventListener('abort', check);
      check();
    });
  }

  /** Into the private room the bot opened with this person (opened now, and remembered, the first time). */
  async sendPrivate(user: string, _name: string, reply: Reply, handoff?: Handoff): Promise<void> {
    if (handoff) await this.whenLive();
    const client = this.requireClient();
    let roomId = this.direct.get(user);
    const membership = roomId ? client.getRoom(roomId)?.getMyMembership() : undefined;
    if (!roomId || membership === 'leave' || membership === 'ban') {
      const retry = { giveUpMs: this.options.sendGiveUpMs, signal: this.stopping.signal, logger: this.log, what: `open a direct room with ${user}` };
      const created = await withRetry(() => client.createRoom({ is_direct: true, invite: [user], preset: Preset.TrustedPrivateChat, visibility: Visibility.Private }), retry);
      roomId = created.room_id;
      this.direct.set(user, roomId);
      this.log.info({ user, roomId }, 'matrix: opened a direct room for private reminders');
    }
    // Claimed (when promised) only once the room exists, right before its one event.
    return this.send(roomId, reply, handoff);
  }

  // ---- incoming ----

  private readonly onSync = (state: SyncState, prev: SyncState | null) => {
    if (state === SyncState.Reconnecting && prev !== SyncState.Reconnecting) this.log.warn('matrix: homeserver unreachable, retrying');
    if (state === SyncState.Error) this.log.warn('matrix: sync keeps failing, retrying');
    if (state === SyncState.Syncing && (prev === SyncState.Reconnecting || prev === SyncState.Error)) this.log.info('matrix: reconnected');
  };

  private readonly onTimeline = (
    event: MatrixEvent,
    room: Room | undefined,
    toStartOfTimeline: boolean | undefined,
    _removed: boolean,
    data: IRoomTimelineData,
  ) => {
    if (!room || toStartOfTimeline || !data.liveEvent) return;
    if (event.getType() === EventType.RoomPowerLevels) this.powerLevels.delete(room.roomId);
    if (event.getType() === EventType.RoomMember && event.getStateKey() && event.getStateKey() !== this.userId) {
      this.names.delete(event.getStateKey()!);
    }
    if (!this.live || event.getSender() === this.userId || event.status !== null) return;
    if (event.getTs() < this.startedAt - CLOCK_SKEW_MS) return;
    if (event.getType() === EventType.RoomMessageEncrypted) return this.refuseEncrypted(room.roomId);
    if (event.getType() !== EventType.RoomMessage) return;
    this.track(this.onMessage(event, room));
  };

  private async onMessage(event: MatrixEvent, room: Room): Promise<void> {
    const sender = event.getSender()!;
    const isPrivate = this.isDirect(room);
    const said = matrixLine(
      event.getContent(),
      {
        userId: this.userId,
        names: [this.userId.slice(1, this.userId.indexOf(':')), this.client?.getUser(this.userId)?.displayName ?? ''],
        prefix: this.ctx.prefix,
      },
      isPrivate,
    );
    if (said === null) return;
    if (room.hasEncryptionStateEvent()) return this.refuseEncrypted(room.roomId);
    const [name, level] = await Promise.all([this.displayName(room, sender), this.senderPower(room, sender)]);
    const message: Message = {
      network: 'matrix',
      room: room.roomId,
      isPrivate,
      user: { id: sender, name, verified: true },
      // Every line, addressed or not: the meeting recorder hears the whole room, as on IRC and Slack.
      text: said.text,
      ...(said.addressed ? { addressed: said.addressed } : {}),
      ...(said.emote ? { emote: true } : {}),
      syntax: this.ctx.prefix,
      time: new Date(event.getTs()),
      id: event.getId(),
      roles: level >= this.options.operatorPowerLevel ? ['operator'] : [],
    };
    const reply = await this.ctx.handle(message);
    if (!reply || !this.live) return;
    await this.deliver(room.roomId, renderMatrix(reply, { eventId: event.getId()!, sender }));
    reply.sent?.();
  }

  private readonly onMembership = (event: MatrixEvent, member: RoomMember) => {
    if (!this.live || member.userId !== this.userId || member.membership !== 'invite') return;
    this.track(this.answerInvite(member.roomId, event.getSender()));
  };

  /** A direct conversation: marked so (m.direct, or the invite's is_direct), or just the bot and one person. */
  private isDirect(room: Room): boolean {
    const direct = this.client?.getAccountData(EventType.Direct)?.getContent<Record<string, string[]>>() ?? {};
    const me = room.getMember(this.userId);
    return isDirectRoom({
      members: room.getInvitedAndJoinedMemberCount(),
      markedDirect: Object.values(direct).some((rooms) => Array.isArray(rooms) && rooms.includes(room.roomId)),
      invitedAsDirect: me?.events.member?.getPrevContent()?.is_direct === true || me?.events.member?.getContent()?.is_direct === true,
    });
  }

  private async answerInvite(roomId: string, inviter: string | undefined): Promise<void> {
    const client = this.requireClient();
    const retry = { giveUpMs: this.options.sendGiveUpMs, signal: this.stopping.signal, logger: this.log };
    const allow = effectiveInviteAllow(this.options.inviteAllow, this.userId);
    if (inviter && inviteAllowed(inviter, allow)) {
      this.log.info({ roomId, inviter }, 'matrix: accepting invite');
      await withRetry(() => client.joinRoom(roomId), { ...retry, what: `join ${roomId}` });
    } else {
      this.log.warn({ roomId, inviter, allowed: allow }, refusedInviteMessage(inviter));
      await withRetry(() => client.leave(roomId), { ...retry, what: `decline ${roomId}` });
    }
  }

  private async joinConfigured(roomIdOrAlias: string): Promise<void> {
    const client = this.requireClient();
    try {
      const room = await withRetry(() => client.joinRoom(roomIdOrAlias), {
        giveUpMs: this.options.sendGiveUpMs,
        signal: this.stopping.signal,
        logger: this.log,
        what: `join ${roomIdOrAlias}`,
      });
      const encrypted = await client
        .getStateEvent(room.roomId, EventType.RoomEncryption, '')
        .then(() => true)
        .catch(() => false);
      if (encrypted) this.refuseEncrypted(room.roomId);
    } catch (error) {
      // One bad room in MATRIX_ROOMS must not keep the bot out of the others.
      this.log.error({ room: roomIdOrAlias, err: String(error) }, 'matrix: could not join configured room');
    }
  }

  private refuseEncrypted(roomId: string): void {
    if (this.warnedEncrypted.has(roomId)) return;
    this.warnedEncrypted.add(roomId);
    this.log.warn({ roomId }, 'matrix: room is end-to-end encrypted; rdobot cannot read it and will not answer there');
  }

  /** The disambiguated room name, else the profile name, else the MXID. */
  private async displayName(room: Room, userId: string): Promise<string> {
    const member = room.getMember(userId);
    if (member?.name && member.name !== userId) return member.name;
    const known = this.names.get(userId);
    if (known) return known;
    const profile = await this.client?.getProfileInfo(userId).catch(() => undefined);
    const name = profile?.displayname || userId;
    this.names.set(userId, name);
    return name;
  }

  /** Power level from the synced room state; after a resumed sync, asked from the homeserver once. */
  private async senderPower(room: Room, userId: string): Promise<number> {
    const synced = room.currentState.getStateEvents(EventType.RoomPowerLevels, '');
    if (synced) return powerLevel(synced.getContent(), userId);
    let content = this.powerLevels.get(room.roomId);
    if (!content) {
      content = (await this.client?.getStateEvent(room.roomId, EventType.RoomPowerLevels, '').catch(() => undefined)) as
        | Record<string, unknown>
        | undefined;
      if (content) this.powerLevels.set(room.roomId, content);
    }
    return powerLevel(content, userId);
  }

  // ---- outgoing ----

  /**
   * Send one notice, waiting out rate limits and outages. Every attempt reuses the first
   * transaction id, so the homeserver stores the message once however often it is retried.
   */
  private async deliver(roomId: string, content: MatrixNotice): Promise<void> {
    const client = this.requireClient();
    this.refuseIfEncrypted(client, roomId);
    const room = client.getRoom(roomId);
    const txnId = client.makeTxnId();
    await withRetry(
      async (attempt) => {
        const pending = attempt > 1 ? room?.getEventForTxnId(txnId) : undefined;
        if (pending && room) await client.resendEvent(pending, room);
        // The SDK's content union has no member for notices with m.mentions; the shape is the spec's.
        else await client.sendEvent(roomId, EventType.RoomMessage, content as unknown as Parameters<MatrixClient['sendMessage']>[2], txnId);
      },
      { giveUpMs: this.options.sendGiveUpMs, signal: this.stopping.signal, logger: this.log, what: `send to ${roomId}` },
    );
  }

  private refuseIfEncrypted(client: MatrixClient, roomId: string): void {
    if (!client.getRoom(roomId)?.hasEncryptionStateEvent()) return;
    this.refuseEncrypted(roomId);
    throw new Error(`matrix: ${roomId} is end-to-end encrypted; not sending`);
  }

  private requireClient(): MatrixClient {
    if (!this.client) throw new Error('matrix adapter is not started');
    return this.client;
  }

  private track(work: Promise<void>): void {
    const p = work.catch((error: unknown) => this.log.error({ err: String(error) }, 'matrix: handling an event failed'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
