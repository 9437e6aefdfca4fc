import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePostsApart } from './generate-posts.js';

/** Helpers for the benchmarks that run rdobot (and Hubot) as separate processes, the way people run them. */

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(PROJECT, 'dist/src/main/cli.js');
const PEAK_RSS = fileURLToPath(new URL('./peak-rss.js', import.meta.url));

/** The environment of a child rdobot: the caller's, minus every rdobot setting, plus `env`. */
export function botEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RDOBOT_|LOG_LEVEL|IRC_|SLACK_|MATRIX_|HTTP_|NODE_OPTIONS)/.test(k)));
  return { ...clean, ...env };
}

/** `count` generated posts in a temporary directory, written by a child process; and when writing ended. */
export function generatedArchive(count: number): { dir: string; root: string; writtenAt: number; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-bench-speed-'));
  const dir = join(root, 'posts');
  generatePostsApart(dir, count);
  return { dir, root, writtenAt: Date.now(), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** CPU time (user + system) a live process has used, in ms; null where /proc is not there. */
export function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** One run of a command to its end: wall time from spawn to exit (Node's start included) and its peak RSS. */
export function timedRun(args: string[], env: NodeJS.ProcessEnv, cwd = PROJECT): { ms: number; cpuMs: number; peakRssMb: number; stdout: string; stderr: string; status: number | null } {
  const rssDir = mkdtempSync(join(tmpdir(), 'rdobot-bench-rss-'));
  const rssFile = join(rssDir, 'rss');
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, ...args], { cwd, env: { ...env, BENCH_PEAK_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  let peakRssMb = NaN;
  let cpuMs = NaN;
  try {
    const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ');
    peakRssMb = Number(rss) / 1024;
    cpuMs = Number(cpu) / 1000;
  } catch {
    // the child died before it could say
  }
  rmSync(rssDir, { recursive: true, force: true });
  return { ms, cpuMs, peakRssMb, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export interface ThroughputResult {
  answersPerSecond: number;
  /** Answers per second of the bot's own CPU time, when it can be read: less sensitive to a busy machine. */
  answersPerCpuSecond: number | null;
  /** The first line of the first answer, without terminal colours. */
  firstLine: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * A bot that reads questions on stdin and prints answers on stdout, fed by a pipe: asks once (again and again until
 * it answers: Hubot drops what arrives before its scripts load), warms up, then writes `count` questions at once and
 * counts the answers (occurrences of `marker`, or of the first answer's first line) until all are there.
 */
export async function pipedThroughput(options: {
  command: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  question: string;
  count: number;
  warmUp?: number;
  marker?: string;
  timeoutMs?: number;
}): Promise<ThroughputResult> {
  const [cmd, ...args] = options.command;
  const child = spawn(cmd, args, { cwd: options.cwd ?? PROJECT, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  child.stderr.resume();
  let marker = options.marker;
  let text = '';
  let count = 0;
  let tail = '';
  let waiting: { target: number; resolve: () => void } | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (!marker) {
      text += chunk;
      const first = text.replace(ANSI, '').split('\n').find((l) => l.trim() !== '' && !/^\S+> ?$/.test(l.trim()));
      if (first && text.includes('\n')) marker = first.replace(/^\S+> /, '').trim();
      if (!marker) return;
      chunk = text;
    }
    const scan = tail + chunk.replace(ANSI, '');
    for (let i = scan.indexOf(marker); i !== -1; i = scan.indexOf(marker, i + marker.length)) count++;
    tail = scan.slice(-(marker.length - 1));
    if (waiting && count >= waiting.target) waiting.resolve();
  });
  const until = (target: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.command.join(' ')}: ${count} of ${target} answers after ${options.timeoutMs ?? 120_000} ms`)), options.timeoutMs ?? 120_000);
      waiting = { target, resolve: () => (clearTimeout(timer), resolve()) };
      if (count >= target) waiting.resolve();
    });
  try {
    // Ask until the bot answers (Hubot drops what arrives before its scripts are loaded).
    const asking = Date.now();
    while (count === 0) {
      if (Date.now() - asking > (options.timeoutMs ?? 120_000)) throw new Error(`${options.command.join(' ')}: no answer`);
      child.stdin.write(`${options.question}\n`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 300));
    const warm = options.warmUp ?? 2000;
    let target = count + warm;
    child.stdin.write(`${options.question}\n`.repeat(warm));
    await until(target);
    target = count + options.count;
    const cpuBefore = cpuMsOf(child.pid!);
    const started = performance.now();
    child.stdin.write(`${options.question}\n`.repeat(options.count));
    await until(target);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuMsOf(child.pid!);
    const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000;
    return { answersPerSecond: options.count / seconds, answersPerCpuSecond: cpu ? options.count / cpu : null, firstLine: marker! };
  } finally {
    child.kill('SIGKILL');
  }
}

/** Time from spawning a service to the first line it prints in answer to `question` (written at once). */
export function firstAnswerMs(command: string[], env: NodeJS.ProcessEnv, question: string, timeoutMs = 120_000): Promise<{ ms: number; line: string }> {
  const [cmd, ...args] = command;
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: PROJECT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  child.stdin.write(`${question}\n`);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer to ${question} within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      child.stdin.end();
      child.kill('SIGTERM');
      child.on('exit', () => resolve({ ms, line: out.split('\n')[0] }));
    });
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** The machine, for the README's table. */
export function machine(): string {
  const os = spawnSync('uname', ['-sr'], { encoding: 'utf8' }).stdout?.trim() ?? process.platform;
  return `${os}, ${(globalThis.navigator?.hardwareConcurrency ?? 0) || '?'} cores, Node ${process.versions.node}`;
}
