import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = join(ROOT, 'dist/src/main/cli.js');
/** The Node that runs the tests (Node 22, from the project's devDependency). */
export const node = process.execPath;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any rdobot or network setting of the developer's shell: each test says what it sets. */
export function scrubbedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RDOBOT_|LOG_LEVEL|IRC_|SLACK_|MATRIX_|HTTP_)/.test(k)));
}

/** A scrubbed environment with a fresh data directory, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...scrubbedEnv(), RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-cli-')), ...env };
}

/** Run a command in the project root with a clean rdobot environment, feeding `input` on stdin. */
export function run(command: string, args: string[], input = '', env: Record<string, string> = {}): Promise<Run> {
  return runWith(command, args, input, cleanEnv(env));
}

/** Run a command in the project root with exactly this environment, feeding `input` on stdin; killed after 15 s. */
export function runWith(command: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
