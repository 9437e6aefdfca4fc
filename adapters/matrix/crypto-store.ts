/**
 * The bot's end-to-end encryption state on disk: `crypto-store.bin` in the adapter's data folder (beside
 * matrix-session.json). It is a snapshot of the IndexedDB databases the Rust crypto writes (on fake-indexeddb, in
 * memory), together with the account and device they belong to: a store is only ever used for its own device.
 *
 * Order of persistence (crash safety): a snapshot is written before anything that depends on it leaves the
 * process or is acknowledged — before the /sync position is saved (room keys come as to-device messages in a
 * sync: a saved position ahead of the store would lose them for good), before keys are uploaded and before
 * encrypted messages and room keys are sent. A crash can leave the store ahead of the saved position (the sync
 * is fetched again, harmlessly), never behind it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { z } from '../../src/base/zod.js';
import { dropDatabases, restoreSnapshot, takeSnapshot, type DatabaseSnapshot } from './idb-snapshot.js';
import { readIfThere, Sealer, SealedFileError, writeDurably } from './sealed-file.js';

export const CRYPTO_STORE_FILE = 'crypto-store.bin';

/** What the file holds. */
export interface StoredCrypto {
  userId: string;
  deviceId: string;
  databases: DatabaseSnapshot[];
}

const storedShape = z.object({
  version: z.literal(1),
  userId: z.string().min(1),
  deviceId: z.string().min(1),
  databases: z.array(z.object({ name: z.string(), version: z.number().int().positive(), stores: z.array(z.any()) })),
});

export class CryptoStoreFile {
  readonly path: string;
  private readonly sealer: Sealer;

  constructor(dataDir: string, passphrase: string | undefined) {
    this.path = join(dataDir, CRYPTO_STORE_FILE);
    this.sealer = new Sealer(passphrase);
  }

  get encrypted(): boolean {
    return this.sealer.sealed;
  }

  /** The stored state, or undefined when there is none; throws SealedFileError when it is there but unreadable. */
  async load(): Promise<StoredCrypto | undefined> {
    const bytes = await readIfThere(this.path);
    if (!bytes) return undefined;
    const plain = this.sealer.open(bytes, this.path);
    let parsed: z.infer<typeof storedShape>;
    try {
      parsed = storedShape.parse(deserialize(plain));
    } catch {
      throw new SealedFileError(`${this.path} is damaged: restore it from a backup, or move it away to start as a new device`);
    }
    return { userId: parsed.userId, deviceId: parsed.deviceId, databases: parsed.databases as DatabaseSnapshot[] };
  }

  save(state: StoredCrypto): Promise<void> {
    return writeDurably(this.path, this.sealer.seal(serialize({ version: 1, ...state })));
  }
}

/**
 * One run's crypto databases, under a prefix of their own (a restart in the same process, as in tests, never
 * meets the previous run's databases), and the file they are saved to. Saves are serialised; a save asked for
 * while one runs is done once more after it, so the last state always lands.
 */
export class CryptoPersistence {
  readonly prefix = `rdobot-${randomUUID()}-`;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly file: CryptoStoreFile,
    private readonly identity: { userId: string; deviceId: string },
  ) {}

  /** Put a stored state in place (under this run's prefix) before the Rust crypto opens it. */
  restore(stored: StoredCrypto): Promise<void> {
    return restoreSnapshot(this.prefix, stored.databases);
  }

  /** Snapshot now and write it durably; resolves when a snapshot taken after this call is on disk. */
  save(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.next ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.save();
        });
      return this.next;
    }
    this.running = (async () => {
      try {
        const databases = await takeSnapshot(this.prefix);
        await this.file.save({ ...this.identity, databases });
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** A save shortly (after the crypto has recorded a response), coalescing bursts. */
  saveSoon(onError: (error: unknown) => void): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(onError);
    }, 50);
    this.timer.unref();
  }

  /** The last save, then the in-memory databases dropped. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save().catch(() => undefined);
    this.closed = true;
    await dropDatabases(this.prefix);
  }
}

export { SealedFileError };
