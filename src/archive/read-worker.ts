/**
 * The worker side of ReadingWorker (read-in-worker.ts): takes chunks of a directory's post files from the counter it
 * shares with the main thread, reads and parses them (a post is classified where its kinds are read, on the main
 * thread), and sends each chunk back as it is done: posts with their date as millis (a DateTime does not cross
 * threads), errors as data. Started with its job, or ahead of it (see readEarly: its modules are loaded while it
 * waits), when the job comes as its first message.
 */
import { readdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { EarlyStart } from './listing.js';
import type { WorkerJob, WorkerOutcome, WorkerPart } from './read-in-worker.js';
import { isPostFile } from './permalink.js';
import type { ParsedPost } from './post.js';

const given = workerData as WorkerJob | (EarlyStart & { files?: undefined });
// Started ahead for a directory of too few files to need it: nothing to wait for.
if (!given.files && !enoughFiles(given)) process.exit(0);
if (given.compileCache) enableCompileCache(given.compileCache);
const [{ readPost }, { readOnePost }, { TooBigError }, { takeChunk }] = await Promise.all([
  import('./parse-post.js'),
  import('./post-file.js'),
  import('./inside.js'),
  import('./read-in-worker.js'),
]);
const { firstLine } = await import('../base/first-line.js');
const { toRow } = await import('./cache-row.js');
const { fieldsWithoutSummary } = await import('./lazy-summary.js');
// As the main thread (cli.ts): nothing read here depends on the host's locale (a date's digits in a permalink are
// written in English whatever it is), and luxon would look it up for the first date made (tens of milliseconds).
(await import('luxon')).Settings.defaultLocale = 'en-US';
const job: WorkerJob = given.files ? given : await waitForJob();

/** The job, for a thread started ahead (its modules loaded while the main thread lists the files). */
function waitForJob(): Promise<WorkerJob> {
  return new Promise<WorkerJob>((resolve) => parentPort!.once('message', resolve));
}
const options = job.options;
const chunks = Math.ceil(job.files.length / job.chunkSize);

/** One file's outcome; whatever goes wrong with it is its own outcome, never the thread's end. */
function toSend(file: string, name: string, i: number): WorkerOutcome {
  try {
    return outcomeOf(file, name, i);
  } catch (err) {
    return { outcome: { warning: { file, reason: `could not be read: ${firstLine(err)}` } } };
  }
}

function outcomeOf(file: string, name: string, i: number): WorkerOutcome {
  const listed = job.stamps && { size: job.stamps[i * 3], mtimeMs: job.stamps[i * 3 + 1], ctimeMs: job.stamps[i * 3 + 2] };
  const { stamp, outcome } = readOnePost(file, name, options, readPost, job.withStamp, listed);
  if (outcome instanceof Error) return { stamp, error: { message: outcome.message, code: (outcome as NodeJS.ErrnoException).code, tooBig: outcome instanceof TooBigError } };
  if (!('post' in outcome)) return { stamp, outcome };
  // A post to be cached goes as its row, which the main thread stores as it is.
  if (job.withStamp && stamp) return { stamp, row: toRow(outcome, file) };
  // The date as millis, in its place among the post's keys; the summary is worked out where the post is shown.
  const post = fieldsWithoutSummary(outcome.post, []);
  post.date = outcome.post.date.toMillis();
  return { stamp, post: post as Omit<ParsedPost, 'date' | 'summary'> & { date: number } };
}

for (let chunk = takeChunk(job.counter, chunks); chunk !== -1; chunk = takeChunk(job.counter, chunks)) {
  const from = chunk * job.chunkSize;
  const to = Math.min(job.files.length, from + job.chunkSize);
  const part: WorkerPart = { chunk, outcomes: [] };
  for (let i = from; i < to; i++) part.outcomes.push(toSend(job.files[i], job.names[i], i));
  parentPort!.postMessage(part);
}

function enoughFiles({ dir, from }: EarlyStart): boolean {
  try {
    let count = 0;
    for (const name of readdirSync(dir)) if (isPostFile(name) && ++count >= from) return true;
  } catch {
    // The load says what is wrong with the directory.
  }
  return false;
}
