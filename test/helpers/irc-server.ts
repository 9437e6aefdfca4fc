/**
 * Real IRC servers for the IRC adapter's tests: ngircd (plain IRC, strict flood limits) and
 * InspIRCd linked to Atheme services (accounts, SASL, account-tag), each on 127.0.0.1 with a
 * random port and its configuration in a temp dir. Nothing here mocks a server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    /** Run as this uid/gid (for daemons that refuse root). */
    private readonly uid?: number,
  ) {}

  start(): void {
    this.output = '';
    const ids = this.uid === undefined ? {} : { uid: this.uid, gid: this.uid };
    const child = spawn(this.command, this.args, { cwd: this.cwd, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
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

export const INSPIRCD = '/usr/sbin/inspircd';
export const ATHEME = '/usr/bin/atheme-services';

/** Connect password that puts a test user in the lax class (the bot is in the strict one). */
export const TRUSTED_PASS = 'trusted-user';

const INSPIRCD_CONF = (port: number, linkPort: number | undefined, dir: string) => `
<config format="xml">
<server name="irc.test.local" description="rdobot test server" network="TestNet" id="0AA">
<admin name="test" nick="test" email="test@test.local">
<bind address="127.0.0.1" port="${port}" type="clients">
${linkPort ? `<bind address="127.0.0.1" port="${linkPort}" type="servers">` : ''}
<pid file="${dir}/inspircd.pid">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="${dir}/ircd.log">
<files motd="${dir}/motd.txt">
<power diepass="die-${port}" restartpass="restart-${port}">
<dns timeout="1">
<options prefixquit="Quit: " allowzerolimit="no" defaultmodes="not">
<security hidesplits="no" announceinvites="dynamic" hideulines="no" flatlinks="no" hidewhois="" restrictbannedusers="yes" genericoper="no" userstats="Pu">
<performance netbuffersize="10240" somaxconn="128" softlimit="1024" clonesonconnect="no" timeskipwarn="2s" quietbursts="yes">
<limits maxnick="30" maxchan="64" maxmodes="20" maxident="10" maxhost="64" maxquit="255" maxtopic="307" maxkick="255" maxreal="128" maxgecos="128" maxaway="200">
# Test users with the password may flood; everyone else (the bot) gets strict limits and is killed for excess flood.
<connect name="trusted" allow="*" password="${TRUSTED_PASS}" maxchans="20" timeout="20" pingfreq="2m" hardsendq="1M" softsendq="1M" recvq="64K" threshold="1000" commandrate="100000" fakelag="no" localmax="50" globalmax="50" resolvehostnames="no" useident="no" limit="100">
<connect name="main" allow="*" maxchans="20" timeout="20" pingfreq="2m" hardsendq="1M" softsendq="8192" recvq="8K" threshold="20" commandrate="8000" fakelag="no" localmax="50" globalmax="50" resolvehostnames="no" useident="no" limit="100">
<module name="cap">
<module name="ircv3">
<module name="ircv3_accounttag">
<module name="ircv3_servertime">
<module name="namesx">
<module name="services_account">
${linkPort ? '<module name="sasl">' : ''}
<module name="spanningtree">
<module name="hidechans">
${linkPort ? `<link name="services.test.local" ipaddr="127.0.0.1" port="${linkPort}" allowmask="127.0.0.0/8" sendpass="linkpass" recvpass="linkpass" hidden="no">
<uline server="services.test.local" silent="yes">
<sasl target="services.test.local">` : ''}
`;

/** InspIRCd from Debian: strict flood limits (excess flood kills), IRCv3 account caps; with Atheme when `services`. */
export async function startInspircd(services = false): Promise<IrcServer> {
  if (!hasBinary(INSPIRCD)) throw new Error(`inspircd is not installed (${INSPIRCD}): apt-get install inspircd`);
  if (services && !hasBinary(ATHEME)) throw new Error(`atheme-services is not installed (${ATHEME}): apt-get install atheme-services`);
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-inspircd-'));
  const port = await freePort();
  const linkPort = services ? await freePort() : undefined;
  writeFileSync(join(dir, 'motd.txt'), 'rdobot test server\n');
  writeFileSync(join(dir, 'inspircd.conf'), INSPIRCD_CONF(port, linkPort, dir));
  const daemons = [new Daemon('inspircd', INSPIRCD, ['--config', join(dir, 'inspircd.conf'), '--nofork', '--nopid', '--runasroot'], dir)];
  if (services && linkPort) daemons.push(atheme(dir, linkPort));
  return managed('inspircd', port, daemons, dir, services ? () => waitForLog(join(dir, 'ircd.log'), /services\.test\.local/, 8000) : undefined);
}

const ATHEME_MODULES = [
  'protocol/inspircd',
  'backend/opensex',
  'crypto/pbkdf2v2',
  'nickserv/main',
  'nickserv/register',
  'nickserv/identify',
  'saslserv/main',
  'saslserv/plain',
];

const ATHEME_CONF = (linkPort: number) => `
${ATHEME_MODULES.map((m) => `loadmodule "modules/${m}";`).join('\n')}
serverinfo {
  name = "services.test.local";
  desc = "rdobot test services";
  numeric = "00B";
  recontime = 1;
  netname = "TestNet";
  hidehostsuffix = "users.test.local";
  adminname = "test";
  adminemail = "test@test.local";
  registeremail = "noreply@test.local";
  mta = "/bin/true";
  loglevel = { error; info; admin; network; };
  maxlogins = 5;
  maxusers = 5;
  auth = none;
  casemapping = rfc1459;
};
uplink "irc.test.local" {
  host = "127.0.0.1";
  password = "linkpass";
  port = ${linkPort};
};
general {
  helpchan = "#help";
  verbose_wallops;
  join_chans;
  leave_chans;
  uflags = { hidemail; };
  cflags = { verbose; };
  flood_msgs = 1000;
  flood_time = 1;
  kline_time = 7;
  commit_interval = 1;
  default_clone_allowed = 50;
  default_clone_warn = 50;
  uplink_sendq_limit = 1048576;
  language = "en";
};
nickserv {
  nick = "NickServ";
  user = "NickServ";
  host = "services.test.local";
  real = "Nickname Services";
  maxnicks = 5;
  expire = 30;
};
saslserv {
  nick = "SaslServ";
  user = "SaslServ";
  host = "services.test.local";
  real = "SASL Authentication Agent";
};
`;

/** Atheme runs as nobody (it refuses root), with its database and config in a dir it may write. */
function atheme(dir: string, linkPort: number): Daemon {
  const home = join(dir, 'atheme');
  mkdirSync(home, { recursive: true });
  const conf = join(home, 'atheme.conf');
  writeFileSync(conf, ATHEME_CONF(linkPort));
  // Readable by nobody whatever the umask: a test that ran `rdobot run` in this process left it at 077.
  chmodSync(conf, 0o644);
  const nobody = 65534;
  chmodSync(dir, 0o755);
  chownSync(home, nobody, nobody);
  const args = ['-n', '-c', join(home, 'atheme.conf'), '-D', home, '-l', join(home, 'atheme.log'), '-p', join(home, 'atheme.pid')];
  return new Daemon('atheme', ATHEME, args, home, process.getuid?.() === 0 ? nobody : undefined);
}

async function waitForLog(file: string, pattern: RegExp, ms: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (existsSync(file) && pattern.test(readFileSync(file, 'utf8'))) return;
    if (Date.now() - started > ms) throw new Error(`no ${pattern} in ${file} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { Daemon };
