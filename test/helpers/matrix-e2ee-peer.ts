/**
 * A person's Matrix client with end-to-end encryption: matrix-js-sdk with the Rust crypto (in memory), syncing
 * against the homeserver stand-in. Tests talk to the bot through it and read its answers decrypted, as Element
 * would. `strict` is Element's "exclude insecure devices" (OnlySignedDevicesIsolationMode): keys go only to
 * devices their owner cross-signed, and messages from other devices are not decrypted.
 */
import { ClientEvent, createClient, MsgType, SyncState, type ICreateClientOpts, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { OnlySignedDevicesIsolationMode } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { MatrixHomeserver } from './matrix-homeserver.js';

const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  getChild: () => quiet,
};

export class E2eePeer {
  private constructor(
    readonly client: MatrixClient,
    readonly userId: string,
    readonly deviceId: string,
  ) {}

  static async start(
    hs: MatrixHomeserver,
    userId: string,
    options: { strict?: boolean; deviceId?: string; cryptoCallbacks?: ICreateClientOpts['cryptoCallbacks'] } = {},
  ): Promise<E2eePeer> {
    const deviceId = options.deviceId ?? `PEER${userId.slice(1, userId.indexOf(':')).toUpperCase()}`;
    const token = `peer-token-${deviceId}`;
    hs.world.tokens.set(token, { userId, deviceId });
    const client = createClient({ baseUrl: hs.url, accessToken: token, userId, deviceId, logger: quiet, timelineSupport: false, useAuthorizationHeader: true, cryptoCallbacks: options.cryptoCallbacks });
    await client.initRustCrypto({ useIndexedDB: false });
    const prepared = new Promise<void>((resolve) => {
      const watch = (state: SyncState) => {
        if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
        client.off(ClientEvent.Sync, watch);
        resolve();
      };
      client.on(ClientEvent.Sync, watch);
    });
    await client.startClient({ initialSyncLimit: 20, lazyLoadMembers: false, pollTimeout: 2000, disablePresence: true });
    await prepared;
    const peer = new E2eePeer(client, userId, deviceId);
    await hs.waitFor(() => hs.world.keys.ed25519(userId, deviceId), 5000, `${userId}'s device keys on the homeserver`);
    if (options.strict) {
      client.getCrypto()!.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
      // Element in this mode has its own account cross-signed too: the Rust crypto refuses to encrypt otherwise.
      const account = hs.world.users.get(userId)!;
      account.password ??= 'peer-password';
      await client.getCrypto()!.bootstrapCrossSigning({
        authUploadDeviceSigningKeys: async (makeRequest) => {
          await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: userId }, password: account.password });
        },
      });
    }
    return peer;
  }

  /** Wait until this client knows `member` joined `roomId` (so its room keys go to them too). */
  async sees(hs: MatrixHomeserver, roomId: string, member: string): Promise<void> {
    await hs.waitFor(() => this.client.getRoom(roomId)?.getMember(member)?.membership === 'join', 5000, `${this.userId} to see ${member} in ${roomId}`);
  }

  /** Say something (encrypted where the room is); returns the event id. */
  async say(roomId: string, body: string): Promise<string> {
    const { event_id } = await this.client.sendMessage(roomId, { msgtype: MsgType.Text, body });
    return event_id;
  }

  /** The decrypted event from `sender` that replies to `eventId`, once it is there and decrypted. */
  async replyTo(hs: MatrixHomeserver, roomId: string, eventId: string, sender: string, timeoutMs = 8000): Promise<MatrixEvent> {
    return hs.waitFor(
      () =>
        this.client
          .getRoom(roomId)
          ?.getLiveTimeline()
          .getEvents()
          .find((e) => e.getSender() === sender && !e.isBeingDecrypted() && !e.isDecryptionFailure() && e.getContent()['m.relates_to']?.['m.in_reply_to']?.event_id === eventId),
      timeoutMs,
      `a decrypted reply to ${eventId}`,
    );
  }

  /** Every event from `sender` in the room, with whether this client could decrypt it. */
  eventsFrom(roomId: string, sender: string): MatrixEvent[] {
    return this.client.getRoom(roomId)?.getLiveTimeline().getEvents().filter((e) => e.getSender() === sender) ?? [];
  }

  stop(): void {
    this.client.stopClient();
    this.client.removeAllListeners();
  }
}
