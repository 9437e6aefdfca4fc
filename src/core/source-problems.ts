/**
 * The files (and feeds, directories) the bot could not use, and why: a post skipped, a meeting or events file that
 * gives nothing or serves its last good version. One report for every place that shows them: /healthz (first few by
 * name, then a count), /metrics (the count), and the admin command `!sources`.
 */
export interface SourceProblem {
  file: string;
  line?: number;
  reason: string;
}

/** Files /healthz names; the rest are counted. */
export const NAMED_PROBLEMS = 5;

export interface ProblemReport {
  /** Files with a problem. */
  count: number;
  /** The first few, by name, with their reason. */
  files: SourceProblem[];
  /** How many more there are than those named. */
  more: number;
}

/** One problem per file (the first said of it), in file order so the report never depends on the reading order. */
export function problemsByFile(problems: readonly SourceProblem[]): SourceProblem[] {
  const byFile = new Map<string, SourceProblem>();
  for (const p of problems) if (!byFile.has(p.file)) byFile.set(p.file, p);
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function problemReport(problems: readonly SourceProblem[], named = NAMED_PROBLEMS): ProblemReport {
  const files = problemsByFile(problems);
  return { count: files.length, files: files.slice(0, named).map((p) => ({ ...p })), more: Math.max(0, files.length - named) };
}


/**
 * The HTTP status of /healthz: 503 when a network is down or something else is wrong that the caller says is
 * (`alsoDown`: a state store lost). A file the bot could not use leaves it `degraded` but answering 200: restarting
 * would not mend the file, and a health check that restarts the bot for it would stop the answers the other files
 * still give.
 */
export const healthCode = (health: { adapters: readonly unknown[] }, alsoDown = false): 200 | 503 =>
  !alsoDown && health.adapters.every((a) => (a as { connected?: boolean }).connected !== false) ? 200 : 503;
