import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Classifier } from '../../src/archive/classify/classify.js';
import { loadPostDirectory } from '../../src/archive/loader.js';
import { readPost } from '../../src/archive/parse-post.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { readOnePost } from '../../src/archive/post-file.js';
import { parseFeed } from '../../src/archive/sources/feed-parse.js';
import { parseDotenv } from '../../src/base/dotenv.js';
import { ConfigError } from '../../src/base/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { loadTestDays, testDaysFromText } from '../../src/schedule/events-load.js';
import { loadMeetings, meetingFromText, meetingsFromConfig } from '../../src/schedule/meetings-load.js';
import type { DefinitionWarning } from '../../src/schedule/types.js';
import { FIXTURE_EVENTS, FIXTURE_MEETINGS, FIXTURE_POSTS, FIXTURES } from '../helpers/bot.js';
import { fuzzParameters, hostile, READ_BOUND_MS } from './mutate.js';

export { READ_BOUND_MS };

/**
 * Every reader of a source file, over hostile versions of real-shaped fixtures (test/fixtures): each returns within a
 * time bound and never throws (the readers that may refuse a file throw only their documented error: a feed's Error,
 * a setting's ConfigError), and the other files of a directory still load. Seeded: a failure prints its seed and path;
 * RDOBOT_FUZZ_SEED replays a run. The test suite runs a few hundred cases of each (test/fuzz/readers.test.ts); the
 * bench runs 10,000 (bench/fuzz-readers.ts).
 */
export interface ReaderCheck {
  name: string;
  /** Whether each case reads a whole directory (fewer cases: each is a load). */
  directory?: boolean;
  check(runs: number): void | Promise<void>;
}

const options = { permalink: DEFAULT_PERMALINK, classifier: new Classifier() };
const files = (dir: string, pattern: RegExp) => readdirSync(dir, { recursive: true }).map(String).filter((f) => pattern.test(f)).map((f) => join(dir, f));
const bytesOf = (paths: string[]) => paths.map((p) => readFileSync(p));

const POST_FILES = files(FIXTURE_POSTS, /\.md$/);
const MEETING_FILES = files(FIXTURE_MEETINGS, /\.ya?ml$/);
const EVENTS_FILES = files(FIXTURE_EVENTS, /\.ya?ml$/);
const FUZZ = join(FIXTURES, 'fuzz');

/** Runs `read` and says how long it took; it must not throw (but for `allowed` errors). */
function timed(read: () => unknown, allowed?: (err: unknown) => boolean): void {
  const started = performance.now();
  try {
    read();
  } catch (err) {
    if (!allowed?.(err)) throw err;
  }
  const ms = performance.now() - started;
  assert.ok(ms < READ_BOUND_MS, `took ${Math.round(ms)} ms`);
}

const temp = (name: string) => mkdtempSync(join(tmpdir(), `rdobot-fuzz-${name}-`));

export const READER_CHECKS: ReaderCheck[] = [
  {
    name: 'reads front matter and post text: a post, hidden, or a warning, never a throw',
    check(runs) {
      const fixtures = bytesOf(POST_FILES);
      fc.assert(
        fc.property(hostile(fixtures), ({ which, bytes }) => {
          const name = POST_FILES[which].split('/').at(-1)!;
          timed(() => {
            const r = readPost(POST_FILES[which], name, bytes.toString('utf8'), options);
            assert.ok('post' in r || 'hidden' in r || ('warning' in r && typeof r.warning.reason === 'string'));
          });
        }),
        fuzzParameters(runs),
      );
    },
  },
  {
    name: 'reads a post file from disk, bytes and all: an outcome, never a throw',
    check(runs) {
      const fixtures = bytesOf(POST_FILES);
      const dir = temp('post');
      const file = join(dir, '2016-06-02-hostile.html.md');
      try {
        fc.assert(
          fc.property(hostile(fixtures), ({ bytes }) => {
            writeFileSync(file, bytes);
            timed(() => readOnePost(file, '2016-06-02-hostile.html.md', options, readPost, true));
          }),
          fuzzParameters(runs),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'reads a meeting file: a meeting or warnings, never a throw',
    check(runs) {
      const fixtures = bytesOf(MEETING_FILES);
      fc.assert(
        fc.property(hostile(fixtures), ({ which, bytes }) => {
          const warnings: DefinitionWarning[] = [];
          timed(() => meetingFromText(MEETING_FILES[which], bytes.toString('utf8'), warnings));
          for (const w of warnings) assert.equal(typeof w.reason, 'string');
        }),
        fuzzParameters(runs),
      );
    },
  },
  {
    name: 'reads an events file: test days or warnings, never a throw',
    check(runs) {
      const fixtures = bytesOf(EVENTS_FILES);
      fc.assert(
        fc.property(hostile(fixtures), ({ which, bytes }) => {
          timed(() => testDaysFromText(EVENTS_FILES[which], bytes.toString('utf8'), []));
        }),
        fuzzParameters(runs),
      );
    },
  },
  {
    name: 'reads a feed: posts and skipped items, or an Error the feed source reports',
    check(runs) {
      const fixtures = bytesOf([join(FUZZ, 'feed.rss'), join(FUZZ, 'feed.atom')]);
      fc.assert(
        fc.property(hostile(fixtures), ({ bytes }) => {
          timed(() => parseFeed(bytes.toString('utf8'), 'https://planet.example.org/rss', options.classifier, 50), (err) => err instanceof Error);
        }),
        fuzzParameters(runs),
      );
    },
  },
  {
    name: 'reads a .env: settings, or a ConfigError naming the line',
    check(runs) {
      const fixtures = bytesOf([join(FUZZ, 'dotenv')]);
      fc.assert(
        fc.property(hostile(fixtures), ({ bytes }) => {
          timed(() => parseDotenv(bytes.toString('utf8')), (err) => err instanceof ConfigError);
        }),
        fuzzParameters(runs),
      );
    },
  },
  {
    name: 'reads the config file: settings (whose meetings never throw), or a ConfigError naming the setting',
    check(runs) {
      const fixtures = bytesOf([join(FUZZ, 'rdobot.yml')]);
      const dir = temp('config');
      try {
        fc.assert(
          fc.property(hostile(fixtures), ({ bytes }) => {
            writeFileSync(join(dir, 'rdobot.yml'), bytes);
            timed(() => {
              const config = loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, dir);
              meetingsFromConfig(config.file.meetings, 'rdobot.yml', config.lineOf);
            }, (err) => err instanceof ConfigError && !err.message.includes('\n    at '));
          }),
          fuzzParameters(runs),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'loads every other post of the archive',
    directory: true,
    async check(runs) {
      const dir = temp('posts');
      cpSync(FIXTURE_POSTS, dir, { recursive: true });
      const clean = await loadPostDirectory(dir, options);
      const fixtures = bytesOf(POST_FILES);
      const file = join(dir, '2016-12-31-hostile.html.md');
      try {
        await fc.assert(
          fc.asyncProperty(hostile(fixtures), async ({ bytes }) => {
            writeFileSync(file, bytes);
            const r = await loadPostDirectory(dir, options);
            assert.deepEqual(r.posts.filter((p) => p.source !== file).map((p) => p.source), clean.posts.map((p) => p.source));
          }),
          fuzzParameters(runs),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'loads every other meeting and test day',
    directory: true,
    async check(runs) {
      const meetings = temp('meetings');
      const events = temp('events');
      cpSync(FIXTURE_MEETINGS, meetings, { recursive: true });
      cpSync(FIXTURE_EVENTS, events, { recursive: true });
      const clean = { meetings: (await loadMeetings([meetings])).meetings.map((m) => m.id), days: (await loadTestDays([events], [])).testDays };
      const fixtures = bytesOf([...MEETING_FILES, ...EVENTS_FILES]);
      try {
        await fc.assert(
          fc.asyncProperty(hostile(fixtures), async ({ bytes }) => {
            writeFileSync(join(meetings, 'zz-hostile.yaml'), bytes);
            writeFileSync(join(events, 'zz-hostile.yml'), bytes);
            const ids = (await loadMeetings([meetings])).meetings.map((m) => m.id);
            for (const id of clean.meetings) assert.ok(ids.includes(id), id);
            // A hostile copy of a test day may be joined with it (the same title on the next day): it is still served.
            const days = (await loadTestDays([events], [])).testDays;
            for (const d of clean.days) assert.ok(days.some((e) => e.title === d.title && e.start <= d.start && e.end >= d.end), d.id);
          }),
          fuzzParameters(runs),
        );
      } finally {
        rmSync(meetings, { recursive: true, force: true });
        rmSync(events, { recursive: true, force: true });
      }
    },
  },
];

/** Mocha captures whole stacks (Error.stackTraceLimit = Infinity): a parser's stack overflow on deep nesting would then
 * cost seconds it does not cost in the bot, which keeps node's default of 10 frames. */
export async function withBotStacks<T>(run: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 10;
  try {
    return await run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
