import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryStore, type ISyncResponse } from 'matrix-js-sdk';
import type { ISavedSync } from 'matrix-js-sdk/lib/store/index.js';
import { SyncAccumulator } from 'matrix-js-sdk/lib/sync-accumulator.js';
import { z } from '../../src/base/zod.js';
import { writeDurably } from './sealed-file.js';

/** The saved rooms' shape, checked before the SDK's accumulator reads them (the file may have been edited or damaged). */
const savedSyncShape = z.object({
  roomsData: z.object({ join: z.record(z.string(), z.object({}).loose()), invite: z.record(z.string(), z.object({}).loose()).optional() }).loose(),
  accountData: z.array(z.object({ type: z.string() }).loose()),
});

/** What the bot keeps between runs, per homeserver and account. */
export interface MatrixSession {
  homeserverUrl: string;
  userId: string;
  /** Only kept when the bot logged in with a password (a configured token stays in the env). */
  accessToken?: string;
  deviceId?: string;
  /** /sync `next_batch`: where to resume so old messages are not fetched again. */
  syncToken?: string;
  /**
   * The rooms' state and account data as of `syncToken` (matrix-js-sdk's sync accumulator): a resumed sync only
   * brings what changed, and without this the client would not know, after a restart, which rooms are encrypted
   * (and could send in the clear) or who is in them.
   */
  sync?: Pick<ISavedSync, 'roomsData' | 'accountData'>;
}

/**
 * The session file in the data dir (`matrix-session.json`, mode 0600: it may hold a token).
 * Writes are serialised, atomic and durable (temp file, fsync, rename), so a crash never leaves half a file.
 */
export class MatrixSessionFile {
  private readonly path: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'matrix-session.json');
  }

  async load(homeserverUrl: string, userId?: string): Promise<MatrixSession | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const s = JSON.parse(text) as MatrixSession;
      if (s.homeserverUrl !== homeserverUrl || typeof s.userId !== 'string') return undefined;
      if (userId && s.userId !== userId) return undefined;
      return s;
    } catch {
      return undefined;
    }
  }

  save(session: MatrixSession): Promise<void> {
    const text = JSON.stringify(session, null, 2) + '\n';
    this.writing = this.writing.catch(() => undefined).then(() => writeDurably(this.path, Buffer.from(text, 'utf8')));
    return this.writing;
  }

  /** Resolves when every pending write is on disk. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }
}

/**
 * matrix-js-sdk's memory store, plus the sync token and the rooms' state on disk: the client
 * resumes /sync from where the last run stopped instead of starting over, knowing its rooms.
 *
 * The SDK sets the token before it processes a sync and hands over the processed sync after
 * (`setSyncData`, awaited before the next request): the token is saved only then, after
 * `beforeSave` (the crypto store) has landed, so the saved position never runs ahead of the
 * room keys that sync carried. When `beforeSave` fails, the position is not saved at all.
 */
export class SyncTokenStore extends MemoryStore {
  constructor(
    private readonly session: MatrixSession,
    private readonly file: MatrixSessionFile,
    private readonly beforeSave?: (data: ISyncResponse) => Promise<void>,
    private readonly onError?: (error: unknown) => void,
  ) {
    super();
    // A position without the rooms' state (a file from before it was kept, or a damaged one) is not resumed: the
    // client would not know its rooms, which are encrypted among them. A full sync starts over (answering nothing old).
    const saved = savedSyncShape.safeParse(session.sync);
    try {
      if (!session.syncToken || !saved.success) throw new Error('no saved rooms');
      this.accumulator.accumulate({ next_batch: session.syncToken, rooms: saved.data.roomsData, account_data: { events: saved.data.accountData } } as unknown as ISyncResponse, true);
    } catch {
      this.accumulator = new SyncAccumulator({ maxTimelineEntries: 1 });
      session.syncToken = undefined;
      session.sync = undefined;
    }
  }

  /** One timeline event per room is enough: the bot reads no history, it only needs the state. */
  private accumulator = new SyncAccumulator({ maxTimelineEntries: 1 });

  override getSavedSyncToken(): Promise<string | null> {
    return Promise.resolve(this.session.syncToken ?? null);
  }

  override getSavedSync(): Promise<ISavedSync | null> {
    if (!this.session.syncToken || !this.session.sync) return Promise.resolve(null);
    const { roomsData, accountData } = this.accumulator.getJSON(true);
    return Promise.resolve({ nextBatch: this.session.syncToken, roomsData, accountData });
  }

  override async setSyncData(data: ISyncResponse): Promise<void> {
    await super.setSyncData(data);
    this.accumulator.accumulate(data);
    const token = this.getSyncToken();
    if (!token || token === this.session.syncToken) return;
    try {
      await this.beforeSave?.(data);
      const { roomsData, accountData } = this.accumulator.getJSON(true);
      this.session.syncToken = token;
      this.session.sync = { roomsData, accountData };
      await this.file.save(this.session);
    } catch (error) {
      // The sync loop must go on; the position stays where the store is known to be.
      this.onError?.(error);
    }
  }
}
