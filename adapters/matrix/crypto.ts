/**
 * End-to-end encryption for the Matrix adapter: the Rust crypto (matrix-js-sdk's initRustCrypto on the WASM build)
 * on a store that is restored from and saved to the data folder (crypto-store.ts), readiness (the device keys are on
 * the homeserver), and cross-signing of the bot's own device when it has a password or the account's recovery key.
 */
import { MatrixError, Method, type AuthDict, type ICreateClientOpts, type ISyncResponse, type MatrixClient } from 'matrix-js-sdk';
import { decodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api/recovery-key.js';
import type { Logger } from '../../src/base/log.js';
import { CryptoPersistence, CryptoStoreFile, type StoredCrypto } from './crypto-store.js';

/** What the start-up found, before the client is created. */
export type CryptoPlan =
  | { kind: 'restore'; stored: StoredCrypto }
  | { kind: 'fresh'; replaced?: StoredCrypto }
  /** The device already has keys on the homeserver but their private half is gone: the device cannot be used. */
  | { kind: 'lost' };

/** The device's published ed25519 key, or undefined when it has published none. */
export async function publishedEd25519(client: MatrixClient, userId: string, deviceId: string): Promise<string | undefined> {
  const answer = await client.http.authedRequest<{ device_keys?: Record<string, Record<string, { keys?: Record<string, string> }>> }>(
    Method.Post,
    '/keys/query',
    undefined,
    { device_keys: { [userId]: [deviceId] } },
  );
  return answer.device_keys?.[userId]?.[deviceId]?.keys?.[`ed25519:${deviceId}`];
}

/**
 * Whether this device can use the stored state, must start a new one, or is lost. A store of another device (a
 * new token) is replaced; no store for a device that has keys on the server is a lost store, never "new keys for
 * the old device" (other people's clients would see the device's identity change and distrust it).
 */
export async function planCrypto(stored: StoredCrypto | undefined, client: MatrixClient, userId: string, deviceId: string): Promise<CryptoPlan> {
  if (stored && stored.userId === userId && stored.deviceId === deviceId) return { kind: 'restore', stored };
  const published = await publishedEd25519(client, userId, deviceId);
  if (published) return { kind: 'lost' };
  return { kind: 'fresh', replaced: stored };
}

/**
 * The crypto running on a client: its persistence, and a fetch that saves the store before anything leaves that
 * depends on it (key uploads, key claims, room keys sent to devices, encrypted messages) and again after the
 * answer (the crypto records it), so the file on disk is never behind what the homeserver and others have.
 */
export class BotCrypto {
  readonly persistence: CryptoPersistence;

  constructor(
    file: CryptoStoreFile,
    identity: { userId: string; deviceId: string },
    private readonly log: Logger,
  ) {
    this.persistence = new CryptoPersistence(file, identity);
  }

  /** A fetch for createClient({ fetchFn }). */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const relevant = CRYPTO_REQUEST.test(new URL(url).pathname);
    if (relevant) await this.persistence.save();
    const response = await globalThis.fetch(input, init);
    if (relevant) this.persistence.saveSoon((err) => this.log.error({ err: String(err) }, 'matrix: saving the crypto store failed'));
    return response;
  };

  /**
   * Whether a processed sync changed what the store must keep before its position is saved: room keys and other
   * to-device messages, device lists that changed. Room messages alone change nothing the store must have
   * (decrypting reads it), and new one-time keys are saved around their own upload.
   */
  static syncTouchesCrypto(data: ISyncResponse): boolean {
    return Boolean(
      data.to_device?.events?.length ||
        data.device_lists?.changed?.length ||
        data.device_lists?.left?.length,
    );
  }

  async init(client: MatrixClient, plan: CryptoPlan & { kind: 'restore' | 'fresh' }): Promise<void> {
    if (plan.kind === 'restore') await this.persistence.restore(plan.stored);
    await client.initRustCrypto({ useIndexedDB: true, cryptoDatabasePrefix: this.persistence.prefix });
    // The identity keys exist from here on: on disk before anything is uploaded.
    await this.persistence.save();
  }

  /** Resolves once the homeserver publishes this device's own keys (polling, until `signal` aborts). */
  async keysOnServer(client: MatrixClient, userId: string, deviceId: string, signal: AbortSignal): Promise<void> {
    const own = await client.getCrypto()!.getOwnDeviceKeys();
    const started = Date.now();
    let told = false;
    for (;;) {
      if (signal.aborted) throw new Error('matrix adapter stopped while uploading its device keys');
      const published = await publishedEd25519(client, userId, deviceId).catch(() => undefined);
      if (published === own.ed25519) return;
      if (published && published !== own.ed25519) {
        throw new Error(`matrix: the homeserver has other keys for device ${deviceId} than this store; move ${CRYPTO_STORE_HINT} away and log in as a new device`);
      }
      if (!told && Date.now() - started > 5000) {
        told = true;
        this.log.warn({ deviceId }, 'matrix: waiting for the device keys to reach the homeserver before answering');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Cross-sign the bot's own device (once: the private cross-signing keys stay in the store), so that clients
   * which only share keys with devices their owner signed (Element's "exclude insecure devices") include it. With a
   * password it makes the account's cross-signing keys when there are none in secret storage; with a recovery key
   * it takes them from secret storage (see `secretStorageCallbacks`).
   */
  async crossSign(client: MatrixClient, userId: string, password: string | undefined): Promise<'done' | 'already'> {
    const crypto = client.getCrypto()!;
    if (await crypto.isCrossSigningReady()) return 'already';
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: password ? (makeRequest) => withPassword(makeRequest, userId, password) : undefined,
    });
    await this.persistence.save();
    if (!(await crypto.isCrossSigningReady())) throw new Error('the cross-signing keys are neither in secret storage (recovery key) nor could they be made (password)');
    return 'done';
  }
}

/**
 * User-interactive auth with the account password: asked without auth first (some servers need none; the others
 * answer 401 with a session), then with the password in that session.
 */
async function withPassword(makeRequest: (auth: AuthDict | null) => Promise<void>, userId: string, password: string): Promise<void> {
  try {
    await makeRequest(null);
  } catch (error) {
    if (!(error instanceof MatrixError) || error.httpStatus !== 401) throw error;
    const session = typeof error.data?.session === 'string' ? error.data.session : undefined;
    await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: userId }, password, ...(session ? { session } : {}) });
  }
}

/** The SDK's secret-storage callback answering with the recovery key from the settings, for any key it is asked. */
export function secretStorageCallbacks(recoveryKey: string | undefined): ICreateClientOpts['cryptoCallbacks'] {
  if (!recoveryKey) return undefined;
  const key = decodeRecoveryKey(recoveryKey);
  return {
    getSecretStorageKey: async ({ keys }) => {
      const keyId = Object.keys(keys)[0];
      return keyId ? [keyId, key] : null;
    },
  };
}

/** Requests after which (and before which) the crypto store is saved. */
const CRYPTO_REQUEST = /\/keys\/(?:upload|claim|signatures\/upload|device_signing\/upload)$|\/sendToDevice\/|\/rooms\/[^/]+\/send\/m\.room\.encrypted\//;
const CRYPTO_STORE_HINT = 'crypto-store.bin';
