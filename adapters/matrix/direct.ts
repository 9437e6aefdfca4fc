import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The private room the bot opened with each person (for reminders they asked for), kept in the data dir
 * (`direct-rooms.json`) so a restart reuses the room instead of inviting them to a new one.
 */
export class DirectRooms {
  private readonly path: string;
  private rooms: Record<string, string> = {};

  constructor(dataDir: string) {
    this.path = join(dataDir, 'direct-rooms.json');
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object') this.rooms = parsed as Record<string, string>;
    } catch {
      // No file yet, or a broken one: rooms are opened again as needed.
    }
  }

  get(userId: string): string | undefined {
    return this.rooms[userId];
  }

  set(userId: string, roomId: string): void {
    this.rooms[userId] = roomId;
    mkdirSync(join(this.path, '..'), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.rooms, null, 2), { mode: 0o600 });
    renameSync(`${this.path}.tmp`, this.path);
  }
}
