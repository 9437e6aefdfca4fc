import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { setOwnDirMode } from '../base/dir-mode.js';
import { buildMinutes } from './minutes.js';
import { meetingBase, MINUTES_FORMATS, minutesUrl, type MinutesFormat } from './layout.js';
import type { PluginSection } from './plugin-additions.js';
import type { MinutesSearch } from './search.js';
import type { MeetingRow, MeetingStore } from './store.js';
import { WRITERS } from './writers.js';
import type { WriterLinks } from './writer.js';

/**
 * Writing a meeting's minutes files, in the meetings layer with the writers they come from: the recorder calls it at
 * #save and #endmeeting, and the web only serves what it wrote (src/web/minutes-site.ts). So the way from a meeting to
 * its files runs down the layers, never through the composition root or the web.
 */

/** Where a published meeting's files are reached, one address per format (none: kept privately, not served). */
export interface Published {
  links: { label: string; url: string; in: 'text' | 'field' }[];
}

/** The default directory of published minutes, under the data dir (RDOBOT_MINUTES_DIR moves it), served at /meetings/. */
export const minutesDir = (dataDir: string) => join(dataDir, 'meetings');
/** Minutes of private rooms not opted in: kept with the data, never served. */
export const privateMinutesDir = (dataDir: string) => join(dataDir, 'meetings-private');

export interface MinutesDirs {
  /** Served over HTTP and readable by a web server: directories 0755, files 0644. */
  public: string;
  /** Private rooms' minutes: 0700 and 0600, as the rest of the data. */
  private: string;
}

/** Output is gathered into pieces of this size before each write: memory stays bounded whatever the meeting's size. */
const CHUNK = 64 * 1024;

/**
 * Write one file without ever replacing another's: stream into a fresh temporary file (created exclusively, `wx`),
 * then link it into place, which fails rather than overwrite. The name holds the meeting's id, so a file already
 * there is this meeting's own, from an earlier try: only then is it replaced (rename).
 */
export function writeExclusive(file: string, mode: number, write: (out: (chunk: string) => void) => void): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    let parts: string[] = [];
    let size = 0;
    const flush = () => {
      if (size === 0) return;
      const buf = Buffer.from(parts.join(''), 'utf8');
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      (parts = []), (size = 0);
    };
    write((chunk) => {
      parts.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) flush();
    });
    flush();
    fchmodSync(fd, mode); // the umask may have taken bits the web server needs
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  try {
    linkSync(tmp, file);
    unlinkSync(tmp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      try {
        unlinkSync(tmp);
      } catch {
        // Best effort: a leftover .tmp is never served (not a name the site accepts).
      }
      throw err;
    }
    renameSync(tmp, file);
  }
}

/**
 * The root and each directory under it down to `dir`, made with this mode whatever the umask (a root the operator
 * gave, RDOBOT_MINUTES_DIR, keeps its mode when it is someone else's or shared: see setOwnDirMode).
 */
function makeDirs(root: string, dir: string, mode: number): void {
  let d = root;
  for (const part of ['', ...relative(root, dir).split(sep).filter(Boolean)]) {
    d = join(d, part);
    mkdirSync(d, { recursive: true, mode });
    setOwnDirMode(d, mode);
  }
}

/**
 * Remove this meeting's files other than those at `keep` (a root and a base): the files a #save wrote before the short
 * name changed (#meetingname) or before the minutes became private (#restrictlogs, a key set on the channel). Only
 * names that end in this meeting's start and id, in its own day directory, are touched: never another meeting's.
 */
export function removeMeetingFiles(dirs: MinutesDirs, row: MeetingRow, keep: { root: string; base: string } | null): number {
  const base = meetingBase(row);
  const dir = dirname(base);
  // A file's name is `<short name>.<start>-<id>`; the short name has no dot (slug), so its start and id follow the first.
  const suffix = basename(base).slice(basename(base).indexOf('.'));
  const own = new Set(MINUTES_FORMATS.map((f) => `${suffix}.${f}`));
  let removed = 0;
  for (const root of [dirs.public, dirs.private]) {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue; // no file of that day there
    }
    for (const name of names) {
      const stem = /^[a-z0-9][a-z0-9_-]*(\.\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}-\d{1,12}\.[a-z.]+)$/.exec(name)?.[1];
      if (!stem || !own.has(stem)) continue;
      if (keep && root === keep.root && name.startsWith(`${basename(keep.base)}.`)) continue;
      unlinkSync(join(root, dir, name));
      removed++;
    }
  }
  return removed;
}

/**
 * Write a meeting's minutes and log in every registered format, streaming from the store, remember where, and give
 * their addresses. `shown`: the room is public (or opted in): its files go to the public directory, readable by a web
 * server; else to the private one, and no address is given. `sofar` (#save): the minutes of a meeting still running,
 * at the addresses its final minutes will have; the row is not marked published, so #endmeeting writes them again
 * (replacing only this meeting's own files) and the retry of unpublished meetings still sees it.
 */
export function publishMinutes(
  store: MeetingStore,
  row: MeetingRow,
  dirs: MinutesDirs,
  publicUrl: string | undefined,
  shown: boolean,
  sofar = false,
  sections: readonly PluginSection[] = [],
): Published {
  const base = meetingBase(row);
  const m = buildMinutes(store, row, sections);
  const name = basename(base);
  const root = shown ? dirs.public : dirs.private;
  const mode = shown ? { dir: 0o755, file: 0o644 } : { dir: 0o700, file: 0o600 };
  const links: WriterLinks = {
    file: Object.fromEntries(MINUTES_FORMATS.map((f) => [f, `${name}.${f}`])) as Record<MinutesFormat, string>,
    url: Object.fromEntries(MINUTES_FORMATS.map((f) => [f, minutesUrl(publicUrl, base, f)])) as Record<MinutesFormat, string>,
    room: '../',
    all: '../../',
    stylesheet: '../../../assets/page.css',
  };
  makeDirs(root, dirname(join(root, base)), mode.dir);
  for (const writer of WRITERS) writeExclusive(join(root, `${base}.${writer.format}`), mode.file, (out) => writer.write(m, links, out));
  // What an earlier #save wrote under another name, or in the public directory before the minutes became private.
  removeMeetingFiles(dirs, row, { root, base });
  if (!sofar) store.update(row.id, { base });
  return { links: shown ? WRITERS.flatMap((w) => (w.announce ? [{ ...w.announce, url: links.url[w.format] }] : [])) : [] };
}

export interface MinutesFilesOptions {
  store: MeetingStore;
  dirs: MinutesDirs;
  /** HTTP_PUBLIC_URL, for the addresses given. */
  publicUrl?: string;
  /** Whether a meeting's minutes go where the web server reads (its room is public, or opted in). */
  shown(row: MeetingRow): boolean;
  /** Rebuilt after each publication, so a search finds the meeting that just ended. */
  search?: MinutesSearch;
}

/** What the recorder needs of the minutes' files. */
export interface MinutesPublisher {
  /** Write a meeting's files (`sofar`: of a meeting still running, #save); their addresses. */
  publish(row: MeetingRow, sofar?: boolean): Published;
  /** The minutes became private (#restrictlogs): take away what a #save already put where the web server reads. */
  restrict(row: MeetingRow): void;
}

/** A meeting's minutes files, written with the plugins' sections given once they are hosted. */
export class MinutesFiles implements MinutesPublisher {
  private sections: readonly PluginSection[] = [];

  constructor(private readonly o: MinutesFilesOptions) {}

  /** The plugins' minutes sections, shown after the built-in ones. */
  setSections(sections: readonly PluginSection[]): void {
    this.sections = sections;
  }

  publish(row: MeetingRow, sofar = false): Published {
    const published = publishMinutes(this.o.store, row, this.o.dirs, this.o.publicUrl, this.o.shown(row), sofar, this.sections);
    this.o.search?.invalidate();
    return published;
  }

  // The private copy stays until the next #save or the end.
  restrict(row: MeetingRow): void {
    removeMeetingFiles(this.o.dirs, row, { root: this.o.dirs.private, base: meetingBase(row) });
  }
}
