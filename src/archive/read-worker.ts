/**
 * The worker side of readInWorker (read-in-worker.ts): reads, parses and classifies its share of a directory's post
 * files and sends back what it found, posts without their DateTime (which does not cross threads), errors as data.
 */
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerOutcome } from './read-in-worker.js';

const job = workerData as WorkerJob;
if (job.compileCache) enableCompileCache(job.compileCache);
const [{ readPost }, { Classifier }, { readOnePost }, { TooBigError }] = await Promise.all([
  import('./parse-post.js'),
  import('./classify/classify.js'),
  import('./post-file.js'),
  import('./inside.js'),
]);
const options = { ...job.options, classifier: new Classifier(job.classify) };
/** Sent in parts, so that the worker never holds its whole share, read and copied for sending, at once. */
const PART = 500;
const toSend = (file: string, name: string): WorkerOutcome => {
  const { stamp, outcome } = readOnePost(file, name, options, readPost, job.withStamp);
  if (outcome instanceof Error) return { stamp, error: { message: outcome.message, code: (outcome as NodeJS.ErrnoException).code, tooBig: outcome instanceof TooBigError } };
  if (!('post' in outcome)) return { stamp, outcome };
  // The date as millis, in its place among the post's keys.
  return { stamp, post: { ...outcome.post, date: outcome.post.date.toMillis() } };
};
for (let from = 0; from < job.files.length; from += PART) {
  parentPort!.postMessage(job.files.slice(from, from + PART).map((file, k) => toSend(file, job.names[from + k])));
}
