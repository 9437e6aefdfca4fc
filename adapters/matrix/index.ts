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
  MatrixEventEvent,
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
import type { Adapter, AdapterStatus, Message, Reply } from '../../src/core/types.js';
import { effectiveInviteAllow, inviteAllowed, refusedInviteMessage, type MatrixOptions } from './config.js';
import { isDirectRoom, matrixLine, powerLevel, roomPeopleNames, roomPersonId } from './inbound.js';
import { authenticate } from './login.js';
import { renderMatrix, type MatrixNotice } from './render.js';
import { withRetry, type RetryOptions } from './retry.js';
import { captureGlobalSdkLog, sdkLogger } from './sdk-logger.js';
import { DirectRooms } from './direct.js';
import { MatrixSessionFile, SyncTokenStore } from './session.js';
import { BotCrypto, planCrypto, secretStorageCallbacks, type CryptoPlan } from './crypto.js';
import { CryptoStoreFile } from './crypto-store.js';

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
  private readonly warnedUndecryptable = new Set<string>();
  /** End-to-end encryption, when on (MATRIX_E2EE, and a store that belongs to the device). */
  private crypto: BotCrypto | undefined;
  /** Why encryption is off, for the log and /healthz. */
  private cryptoOff = '';
  /** True once the device keys are on the homeserver (or encryption is off): before that the bot is not up. */
  private ready = false;
  private reconnects = 0;
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
    this.ready = false;
    this.cryptoOff = this.options.encryption ? '' : 'MATRIX_E2EE=false';
    const { credentials, session, plan, cryptoFile } = await this.signIn(file, retry, logger);
    this.userId = credentials.userId;
    const crypto = plan && cryptoFile && plan.kind !== 'lost' ? new BotCrypto(cryptoFile, { userId: credentials.userId, deviceId: credentials.deviceId! }, this.log) : undefined;
    const client = createClient({
      baseUrl: this.options.homeserverUrl,
      accessToken: credentials.accessToken,
      userId: credentials.userId,
      deviceId: credentials.deviceId,
      store: new SyncTokenStore(
        session,
        file,
        crypto ? (data) => (BotCrypto.syncTouchesCrypto(data) ? crypto.persistence.save() : Promise.resolve()) : undefined,
        (err) => this.log.error({ err: String(err) }, 'matrix: saving the crypto store failed; the sync position is not saved'),
      ),
      logger,
      useAuthorizationHeader: true,
      timelineSupport: false,
      disableVoip: true,
      ...(crypto ? { fetchFn: crypto.fetch, cryptoCallbacks: secretStorageCallbacks(this.options.recoveryKey) } : {}),
    });
    this.client = client;
    if (crypto && plan && plan.kind !== 'lost') {
      await crypto.init(client, plan);
      this.crypto = crypto;
    }
    this.startedAt = Date.now();
    client.on(RoomEvent.Timeline, this.onTimeline);
    client.on(RoomMemberEvent.Membership, this.onMembership);
    client.on(ClientEvent.Sync, this.onSync);
    const prepared = new Promise<void>((resolve, reject) => {
      const watch = (state: SyncState, _prev: SyncState | null, data?: { error?: Error; fromCache?: boolean }) => {
        // The saved rooms (from the data dir) are not a sync: live starts after the homeserver's first answer.
        if ((state === SyncState.Prepared || state === SyncState.Syncing) && !data?.fromCache) {
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
    // Presence is not needed.
    await client.startClient({ initialSyncLimit: 0, lazyLoadMembers: false, pollTimeout: this.options.pollTimeoutMs, disablePresence: true });
    await prepared;
    this.live = true;
    if (this.crypto) await this.cryptoReady(client, credentials.deviceId!);
    this.ready = true;
    for (const room of this.options.rooms) await this.joinConfigured(room);
    for (const room of client.getRooms()) {
      if (room.getMyMembership() === 'invite') this.track(this.answerInvite(room.roomId, room.getMember(this.userId)?.events.member?.getSender()));
    }
    this.log.info({ userId: this.userId, rooms: this.options.rooms, e2ee: this.crypto ? 'on' : `off (${this.cryptoOff})` }, 'matrix: connected');
  }

  /**
   * Log in, and decide what becomes of the device's crypto store: restored, started fresh, or lost (then a password
   * login moves to a new device, a token runs without encryption). Never new keys for a device that has some.
   */
  private async signIn(file: MatrixSessionFile, retry: Omit<RetryOptions, 'what'>, logger: ReturnType<typeof sdkLogger>) {
    // An unreadable store (wrong MATRIX_CRYPTO_KEY, damage) stops the start: it is never taken for a lost one.
    const cryptoFile = this.options.encryption ? new CryptoStoreFile(this.ctx.dataDir, this.options.cryptoKey) : undefined;
    const stored = await cryptoFile?.load();
    let { credentials, session } = await authenticate(this.options, file, retry, logger, { storedDeviceId: stored?.deviceId });
    let plan: CryptoPlan | undefined;
    if (cryptoFile) {
      const probe = createClient({ baseUrl: this.options.homeserverUrl, accessToken: credentials.accessToken, userId: credentials.userId, logger, useAuthorizationHeader: true });
      plan = await withRetry(() => planCrypto(stored, probe, credentials.userId, credentials.deviceId!), { ...retry, what: 'query own device keys' });
      if (plan.kind === 'lost' && !this.options.accessToken) {
        const old = credentials.deviceId;
        ({ credentials, session } = await authenticate(this.options, file, retry, logger, { newDevice: true }));
        this.log.warn(
          { oldDeviceId: old, deviceId: credentials.deviceId, store: cryptoFile.path },
          `matrix: the crypto store of device ${old} is lost (no ${cryptoFile.path}); logged in as new device ${credentials.deviceId}. Messages encrypted for the old device stay unreadable; remove device ${old} from the account in a client`,
        );
        plan = { kind: 'fresh' };
      } else if (plan.kind === 'lost') {
        this.cryptoOff = `crypto store of device ${credentials.deviceId} lost`;
        this.log.error(
          { deviceId: credentials.deviceId, store: cryptoFile.path },
          `matrix: the crypto store of device ${credentials.deviceId} is lost (no ${cryptoFile.path}) but the device has keys on the homeserver; end-to-end encryption is OFF (its keys cannot be replaced). Restore the file from a backup, or make a new access token (a new device) for MATRIX_ACCESS_TOKEN`,
        );
      } else if (plan.kind === 'fresh' && plan.replaced) {
        this.log.warn({ oldDeviceId: plan.replaced.deviceId, deviceId: credentials.deviceId }, 'matrix: the crypto store belonged to another device; starting a new store for this one');
      }
    }
    return { credentials, session, plan, cryptoFile };
  }

  /** Not up until its device keys are on the homeserver; then its own device cross-signed, when it can be. */
  private async cryptoReady(client: MatrixClient, deviceId: string): Promise<void> {
    await this.crypto!.keysOnServer(client, this.userId, deviceId, this.stopping.signal);
    if (!this.options.password && !this.options.recoveryKey) {
      this.log.info({ deviceId }, 'matrix: device keys uploaded; not cross-signed (no MATRIX_PASSWORD or MATRIX_RECOVERY_KEY): clients that exclude unverified devices will not send it keys');
      return;
    }
    try {
      const outcome = await this.crypto!.crossSign(client, this.userId, this.options.password);
      this.log.info({ deviceId, crossSigning: outcome }, 'matrix: device keys uploaded and device cross-signed');
    } catch (error) {
      // Not fatal: everyone but clients that exclude unverified devices still shares keys with the bot.
      this.log.warn({ deviceId, err: String(error) }, 'matrix: cross-signing the device failed');
    }
  }

  status(): AdapterStatus {
    const syncing = this.client !== undefined && HEALTHY.has(this.client.getSyncState());
    const e2ee = this.crypto ? 'e2ee on' : `e2ee off (${this.cryptoOff || 'starting'})`;
    const detail = this.ready ? e2ee : this.crypto ? 'waiting for its device keys to reach the homeserver' : 'starting';
    return { connected: this.live && this.ready && syncing, reconnects: this.reconnects, detail };
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
    const crypto = this.crypto;
    this.crypto = undefined;
    this.ready = false;
    await crypto?.persistence.close();
  }

  async send(room: string, reply: Reply, handoff?: Handoff): Promise<void> {
    // A promised message waits (unclaimed) until the homeserver answers syncs, and is claimed right before its one event.
    if (handoff) await this.whenLive();
    const client = this.requireClient();
    const roomId = room.startsWith('#') ? (await client.getRoomIdForAlias(room)).room_id : room;
    if (!handoff) return this.deliver(roomId, renderMatrix(reply));
    this.refuseIfUnreadable(client, roomId);
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
      // Encrypted, as clients open direct rooms, when the bot can encrypt.
      const initial_state = this.crypto ? [{ type: EventType.RoomEncryption, state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] : undefined;
      const created = await withRetry(
        () => client.createRoom({ is_direct: true, invite: [user], preset: Preset.TrustedPrivateChat, visibility: Visibility.Private, initial_state }),
        retry,
      );
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
    if (state === SyncState.Syncing && (prev === SyncState.Reconnecting || prev === SyncState.Error)) {
      this.reconnects += 1;
      this.log.info('matrix: reconnected');
    }
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
    if (event.isEncrypted()) {
      if (!this.crypto) return this.refuseEncrypted(room.roomId);
      return this.track(this.whenDecrypted(event, room));
    }
    if (event.getType() !== EventType.RoomMessage) return;
    this.track(this.onMessage(event, room));
  };

  /**
   * An encrypted event is handled once it is decrypted: now, or later when its room key arrives (the crypto
   * retries then and emits Decrypted). A failure is logged once per room per session, with the reason.
   */
  private async whenDecrypted(event: MatrixEvent, room: Room): Promise<void> {
    let handled = false;
    const handle = (): boolean => {
      if (handled || event.isBeingDecrypted() || event.isDecryptionFailure() || event.getClearContent() === null) return false;
      handled = true;
      event.off(MatrixEventEvent.Decrypted, onDecrypted);
      if (this.live && event.getType() === EventType.RoomMessage) this.track(this.onMessage(event, room));
      return true;
    };
    const onDecrypted = () => void handle();
    event.on(MatrixEventEvent.Decrypted, onDecrypted);
    await this.client?.decryptEventIfNeeded(event);
    if (handle() || !event.isDecryptionFailure()) return;
    if (this.warnedUndecryptable.has(room.roomId)) return;
    this.warnedUndecryptable.add(room.roomId);
    this.log.warn(
      { roomId: room.roomId, sender: event.getSender(), reason: event.decryptionFailureReason ?? 'unknown' },
      'matrix: cannot decrypt a message (yet); it is answered if its key arrives',
    );
  }

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
    if (!this.crypto && room.hasEncryptionStateEvent()) return this.refuseEncrypted(room.roomId);
    const [name, level] = await Promise.all([this.displayName(room, sender), this.senderPower(room, sender)]);
    const message: Message = {
      network: 'matrix',
      room: room.roomId,
      isPrivate,
      // Only a room anyone may join is public; invite-only, knock and restricted rooms (and DMs) are private.
      ...(isPrivate || room.getJoinRule() !== 'public' ? { roomPrivate: true } : {}),
      user: { id: sender, name, verified: true },
      // Every line, addressed or not: the meeting recorder hears the whole room, as on IRC and Slack.
      text: said.text,
      ...(said.addressed ? { addressed: said.addressed } : {}),
      ...(said.emote ? { emote: true } : {}),
      // The joined members from the room's state, read when asked (an #action): owners who have not spoken yet.
      ...(isPrivate ? {} : { roomPeople: () => roomPeopleNames(room.getJoinedMembers(), this.userId), roomPerson: (name: string) => roomPersonId(room.getJoinedMembers(), this.userId, name) }),
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
      if (encrypted && !this.crypto) this.refuseEncrypted(room.roomId);
    } catch (error) {
      // One bad room in MATRIX_ROOMS must not keep the bot out of the others.
      this.log.error({ room: roomIdOrAlias, err: String(error) }, 'matrix: could not join configured room');
    }
  }

  /** Only without encryption (MATRIX_E2EE=false, or a lost store with a token login): said once per room. */
  private refuseEncrypted(roomId: string): void {
    if (this.warnedEncrypted.has(roomId)) return;
    this.warnedEncrypted.add(roomId);
    this.log.warn({ roomId, reason: this.cryptoOff }, `matrix: room is end-to-end encrypted and encryption is off (${this.cryptoOff}); rdobot will not answer there`);
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
    this.refuseIfUnreadable(client, roomId);
    if (this.crypto) await this.encryptionKnown(client, roomId);
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

  /**
   * The client encrypts only in rooms it has synced as encrypted: a message to a room it joined a moment ago and
   * has not synced yet would go out in the clear. Wait for the room (bounded), and never send in the clear into a
   * room whose state says encrypted when the crypto does not (yet) agree.
   */
  private async encryptionKnown(client: MatrixClient, roomId: string): Promise<void> {
    const deadline = Date.now() + this.options.sendGiveUpMs;
    const crypto = client.getCrypto()!;
    for (;;) {
      const room = client.getRoom(roomId);
      if (room && room.getMyMembership() === 'join' && (!room.hasEncryptionStateEvent() || (await crypto.isEncryptionEnabledInRoom(roomId)))) return;
      if (this.stopping.signal.aborted) throw new SendAborted('matrix adapter stopped before the message could be sent');
      if (Date.now() > deadline) throw new Error(`matrix: ${roomId} has not synced as a joined room; not sending (it might go out unencrypted)`);
      await new Promise((r) => setTimeout(r, LIVE_POLL_MS / 5));
    }
  }

  /** Without encryption, nothing is sent into an encrypted room (it would go out in the clear). */
  private refuseIfUnreadable(client: MatrixClient, roomId: string): void {
    if (this.crypto || !client.getRoom(roomId)?.hasEncryptionStateEvent()) return;
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
