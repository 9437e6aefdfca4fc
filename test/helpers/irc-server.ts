/**
 * Real IRC servers for the IRC adapter's tests: ngircd (plain IRC, strict flood limits) and
 * InspIRCd linked to Atheme services (accounts, SASL, account-tag), each on 127.0.0.1 with a
 * random port and its configuration in a temp dir. Nothing here mocks a server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IrcServer {
  readonly kind: 'ngircd' | 'inspircd';
  readonly host: string;
  readonly port: number;
  /** Stop the server (SIGTERM, then SIGKILL); connections drop. */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  /** Freeze it: the process stops, sockets stay open, nothing is answered. */
  freeze(): void;
  thaw(): void;
  /** Kill the frozen or running server and start a fresh one. */
  restart(): Promise<void>;
  /** Stop everything and remove the temp dir. */
  close(): Promise<void>;
}

export function hasBinary(path: string): boolean {
  return existsSync(path);
}

export const NGIRCD = '/usr/sbin/ngircd';

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released right away for the server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Wait until something accepts connections on the port. */
export async function waitForPort(port: number, ms: number, host = '127.0.0.1'): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - started > ms) throw new Error(`nothing listening on ${host}:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A child process we own: started, stopped and frozen by pid, never by name. */
class Daemon {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    private readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly cwd: string,
  ) {}

  start(): void {
    this.output = '';
    const child = spawn(this.command, this.args, { cwd: this.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
  }

  get log(): string {
    return `${this.name}: ${this.output}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child!.kill(sig);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 1500);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}

const NGIRCD_CONF = (port: number, dir: string) => `
[Global]
  Name = irc.test.local
  Info = rdobot test server
  Listen = 127.0.0.1
  Ports = ${port}
  MotdPhrase = "rdobot test server"
  PidFile = ${dir}/ngircd.pid
  ServerUID = ${process.getuid?.() ?? 0}
  ServerGID = ${process.getgid?.() ?? 0}
[Limits]
  MaxConnectionsIP = 0
  MaxNickLength = 16
  PingTimeout = 120
  PongTimeout = 20
[Options]
  DNS = no
  Ident = no
  PAM = no
  OperCanUseMode = yes
[Channel]
  Name = #rdo
  Topic = RDO community
[Channel]
  Name = #locked
  Key = sesame
`;

/** ngircd from Debian on a random loopback port. */
export async function startNgircd(): Promise<IrcServer> {
  if (!hasBinary(NGIRCD)) throw new Error(`ngircd is not installed (${NGIRCD}): apt-get install ngircd`);
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-ngircd-'));
  const port = await freePort();
  const conf = join(dir, 'ngircd.conf');
  writeFileSync(conf, NGIRCD_CONF(port, dir));
  const check = spawnSync(NGIRCD, ['-t', '-f', conf], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`ngircd rejected its test config: ${check.stdout}${check.stderr}`);
  const daemon = new Daemon('ngircd', NGIRCD, ['-n', '-p', '-f', conf], dir);
  return managed('ngircd', port, [daemon], dir);
}

/** Lifecycle shared by every server kind; daemons start in order and stop in reverse. */
export async function managed(kind: IrcServer['kind'], port: number, daemons: Daemon[], dir: string, ready?: () => Promise<void>): Promise<IrcServer> {
  const up = async () => {
    for (const d of daemons) d.start();
    try {
      await waitForPort(port, 5000);
      await ready?.();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${daemons.map((d) => d.log).join('\n')}`);
    }
  };
  const down = async () => {
    for (const d of [...daemons].reverse()) await d.stop();
  };
  const server: IrcServer = {
    kind,
    host: '127.0.0.1',
    port,
    stop: down,
    start: up,
    freeze: () => daemons[0]!.signal('SIGSTOP'),
    thaw: () => daemons[0]!.signal('SIGCONT'),
    restart: async () => {
      await down();
      await up();
    },
    close: async () => {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await up();
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

export { Daemon };
