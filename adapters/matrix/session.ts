import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryStore } from 'matrix-js-sdk';

/** What the bot keeps between runs, per homeserver and account. */
export interface MatrixSession {
  homeserverUrl: string;
  userId: string;
  /** Only kept when the bot logged in with a password (a configured token stays in the env). */
  accessToken?: string;
  deviceId?: string;
  /** /sync `next_batch`: where to resume so old messages are not fetched again. */
  syncToken?: string;
}

/**
 * The session file in the data dir (`matrix-session.json`, mode 0600: it may hold a token).
 * Writes are serialised and atomic (temp file + rename), so a crash never leaves half a file.
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
    const tmp = `${this.path}.tmp`;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(join(this.path, '..'), { recursive: true });
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, this.path);
      });
    return this.writing;
  }

  /** Resolves when every pending write is on disk. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }
}

/**
 * matrix-js-sdk's memory store, plus the sync token on disk: the client resumes /sync from
 * where the last run stopped instead of starting over.
 */
export class SyncTokenStore extends MemoryStore {
  constructor(
    private readonly session: MatrixSession,
    private readonly file: MatrixSessionFile,
  ) {
    super();
  }

  override getSavedSyncToken(): Promise<string | null> {
    return Promise.resolve(this.session.syncToken ?? null);
  }

  override setSyncToken(token: string): void {
    super.setSyncToken(token);
    if (token === this.session.syncToken) return;
    this.session.syncToken = token;
    void this.file.save(this.session);
  }
}
