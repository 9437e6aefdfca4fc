import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './wait.js';

export const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = `${PROJECT}dist/src/main/cli.js`;

export interface RunningBot {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** JSON log lines seen so far. */
  logs(): Record<string, unknown>[];
  /** Wait for a log line whose msg matches. */
  waitForLog(msg: RegExp, ms?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (test clean-up). */
  kill(): void;
}

/** `rdobot run` as a child process with a clean environment plus `env`; stdin stays open until closed. */
export function spawnBot(env: Record<string, string>, args: string[] = ['run']): RunningBot {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RDOBOT_|LOG_LEVEL|IRC_|SLACK_|MATRIX_|HTTP_)/.test(k)));
  const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT, env: { ...clean, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const logs = () =>
    err.split('\n').flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs,
    async waitForLog(msg, ms = 10_000) {
      let found: Record<string, unknown> | undefined;
      await until(() => Boolean((found = logs().find((l) => msg.test(String(l.msg))))), ms, `log ${msg} (stderr so far: ${err.slice(-500)})`);
      return found!;
    },
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
