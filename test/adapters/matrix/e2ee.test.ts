import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { silentLogger } from '../../../src/base/log.js';
import { HttpEndpoint } from '../../../src/http/server.js';
import { buildMinutes } from '../../../src/meetings/minutes.js';
import type { BotView } from '../../../src/web/bot-view.js';
import { fixtureBot, FIXTURE_POSTS } from '../../helpers/bot.js';
import { LINE_GAP_MS, MEETING_START, outline, RUN_DEFINITIONS } from '../../helpers/meeting-transcript.js';
import { TickingClock } from '../../helpers/ticking-clock.js';
import { until } from '../../helpers/wait.js';
import { E2eePeer } from '../../helpers/matrix-e2ee-peer.js';
import { ALICE, BOT, MatrixFixture, OP } from '../../helpers/matrix-fixture.js';

const CRYPTO_FILE = 'crypto-store.bin';
const SESSION_FILE = 'matrix-session.json';

describe('Matrix adapter with end-to-end encryption (Rust crypto on both ends, homeserver stand-in)', function () {
  this.timeout(30000);
  let fx: MatrixFixture;
  const peers: E2eePeer[] = [];

  beforeEach(async () => {
    fx = await new MatrixFixture().setUp((await fixtureBot()).context);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      console.log(fx.logs.map((l) => JSON.stringify(l)).join('\n'));
      console.log('unknown requests:', fx.hs.unknown);
      console.log('handled', fx.handled.map((m) => m.text), 'sent', fx.hs.sentBy(BOT).map((e) => [e.type, e.room_id]));
      for (const p of peers) console.log('peer sees', p.client.getRooms().map((r) => r.getLiveTimeline().getEvents().map((e) => [e.getSender(), e.getType(), e.isDecryptionFailure() ? e.decryptionFailureReason : ''])));
    }
    for (const p of peers.splice(0)) p.stop();
    await fx.tearDown();
  });

  async function peer(options: { strict?: boolean } = {}): Promise<E2eePeer> {
    const p = await E2eePeer.start(fx.hs, ALICE, options);
    peers.push(p);
    return p;
  }

  function encryptedRoom(): string {
    return fx.hs.createRoom({ name: 'secret', creator: OP, members: [ALICE], encrypted: true });
  }

  /** The bot's device id (from /whoami of its token). */
  function botDevice(): string {
    return [...fx.hs.world.tokens.values()].find((t) => t.userId === BOT)!.deviceId;
  }

  async function ask(alice: E2eePeer, roomId: string, text: string) {
    const asked = await alice.say(roomId, text);
    return alice.replyTo(fx.hs, roomId, asked, BOT);
  }

  it('answers in an encrypted room with an encrypted notice the asker decrypts', async () => {
    const secret = encryptedRoom();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    await alice.say(secret, 'just chatting, not for the bot');
    const reply = await ask(alice, secret, '!interview latest');
    assert.equal(reply.getWireType(), 'm.room.encrypted');
    assert.equal(reply.getContent().msgtype, 'm.notice');
    assert.deepEqual(
      fx.handled.map((m) => [m.text, m.addressed?.by]),
      [
        ['just chatting, not for the bot', undefined],
        ['!interview latest', 'prefix'],
      ],
      'every decrypted line reaches the core (the meeting recorder hears the room), the addressed one addressed',
    );
    assert.match(String(reply.getContent().body), /^Interview with Priya Raman: keeping RDO CI green/);
    // On the homeserver there is only ciphertext.
    const onServer = fx.sent(secret);
    assert.ok(onServer.length >= 1);
    assert.ok(onServer.every((e) => e.type === 'm.room.encrypted' && !JSON.stringify(e.content).includes('Priya')));
    // The core heard it like a plain line (the meeting recorder too).
    assert.equal(fx.handled.at(-1)!.text, '!interview latest');
    assert.equal(fx.handled.at(-1)!.room, secret);
  });

  it('answers an encrypted direct message without a prefix', async () => {
    await fx.startBot({ inviteAllow: [] });
    const alice = await peer();
    const { room_id: dm } = await alice.client.createRoom({
      is_direct: true,
      invite: [BOT],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    await fx.hs.waitFor(() => fx.hs.membership(dm, BOT) === 'join', 5000, 'the DM invite accepted');
    await alice.sees(fx.hs, dm, BOT);
    const reply = await ask(alice, dm, 'interview latest');
    assert.equal(reply.getWireType(), 'm.room.encrypted');
    assert.match(String(reply.getContent().body), /Priya Raman/);
    assert.equal(fx.handled.at(-1)!.isPrivate, true);
  });

  it('sends a private reminder into an encrypted direct room it opens, which the person decrypts', async () => {
    const adapter = await fx.startBot();
    const alice = await peer();
    await adapter.sendPrivate!(ALICE, 'Alice', { kind: 'notice', text: 'Reminder: RDO meeting starts in 15 min' });
    const [dm] = fx.hs.directRooms;
    assert.ok(fx.hs.world.stateEvent(dm.roomId, 'm.room.encryption'), 'the direct room is encrypted');
    assert.ok(fx.sent(dm.roomId).every((e) => e.type === 'm.room.encrypted'));
    await alice.client.joinRoom(dm.roomId);
    await alice.sees(fx.hs, dm.roomId, ALICE);
    // The stand-in gives a joining client no history: the next reminder is the one she reads.
    await adapter.sendPrivate!(ALICE, 'Alice', { kind: 'notice', text: 'Reminder: test day tomorrow' });
    assert.equal(fx.hs.directRooms.length, 1, 'the same room');
    const seen = await fx.hs.waitFor(() => alice.eventsFrom(dm.roomId, BOT).find((e) => e.isEncrypted() && !e.isBeingDecrypted() && !e.isDecryptionFailure()), 8000, 'the reminder decrypted');
    assert.equal(seen.getContent().body, 'Reminder: test day tomorrow');
  });

  it('sends reminders into an encrypted room encrypted', async () => {
    const secret = encryptedRoom();
    const adapter = await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    await adapter.send(secret, { kind: 'notice', text: 'RDO meeting starts in 10 min' });
    const [event] = fx.sent(secret);
    assert.equal(event.type, 'm.room.encrypted');
    const seen = await fx.hs.waitFor(() => alice.eventsFrom(secret, BOT).find((e) => e.isEncrypted() && !e.isBeingDecrypted() && !e.isDecryptionFailure()), 8000, 'the reminder decrypted');
    assert.equal(seen.getContent().body, 'RDO meeting starts in 10 min');
  });

  it('keeps its identity and sessions across a restart: same device keys, no new key share, still answers decryptably', async () => {
    const secret = encryptedRoom();
    const first = await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    await ask(alice, secret, '!about');
    const device = botDevice();
    const ed25519 = fx.hs.world.keys.ed25519(BOT, device);
    const keyShares = () => fx.hs.world.keys.toDeviceLog.filter((l) => l === `m.room.encrypted ${ALICE} -> ${BOT}`).length;
    const sharesBefore = keyShares();
    await first.stop();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    assert.equal(botDevice(), device);
    assert.equal(fx.hs.world.keys.ed25519(BOT, device), ed25519, 'the device keys are unchanged');
    const reply = await ask(alice, secret, '!interview latest');
    assert.match(String(reply.getContent().body), /Priya Raman/);
    assert.equal(keyShares(), sharesBefore, 'Alice did not have to share her room key again: the bot kept its session');
  });

  it('after a crash (files as they were on disk, no clean stop) it still reads the sessions it had', async () => {
    const secret = encryptedRoom();
    const first = await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    await ask(alice, secret, '!about');
    // What a crash right now would leave: the data dir copied while the bot runs, before its stop saves anything.
    const crashed = mkdtempSync(join(tmpdir(), 'rdobot-matrix-crash-'));
    cpSync(fx.context.dataDir, crashed, { recursive: true });
    await first.stop();
    const shares = () => fx.hs.world.keys.toDeviceLog.filter((l) => l === `m.room.encrypted ${ALICE} -> ${BOT}`).length;
    const sharesBefore = shares();
    fx.context = { ...fx.context, dataDir: crashed };
    await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const reply = await ask(alice, secret, '!interview latest');
    assert.match(String(reply.getContent().body), /Priya Raman/);
    assert.equal(shares(), sharesBefore, 'the room key Alice had sent was in the store on disk');
  });

  it('answers a client that excludes unverified devices, once it has cross-signed its own device with its password', async () => {
    const secret = encryptedRoom();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret], password: 'bot-password' });
    assert.ok(fx.hs.world.keys.crossSigning.get(BOT)?.master, 'cross-signing keys uploaded');
    const alice = await peer({ strict: true });
    await alice.sees(fx.hs, secret, BOT);
    const reply = await ask(alice, secret, '!interview latest');
    assert.match(String(reply.getContent().body), /Priya Raman/);
    assert.ok(fx.logs.some((l) => /cross-signed/.test(l.msg) && l.crossSigning === 'done'));
  });

  it('with a recovery key instead of a password, signs its device with the cross-signing keys from secret storage', async () => {
    // The account's owner set up cross-signing and secret storage from another device (a phone).
    let recovery: GeneratedSecretStorageKey | undefined;
    const phone = await E2eePeer.start(fx.hs, BOT, {
      deviceId: 'BOTPHONE',
      cryptoCallbacks: { getSecretStorageKey: async ({ keys }) => [Object.keys(keys)[0], recovery!.privateKey] },
    });
    peers.push(phone);
    const phoneCrypto = phone.client.getCrypto()!;
    await phoneCrypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: BOT }, password: 'bot-password' });
      },
    });
    recovery = await phoneCrypto.createRecoveryKeyFromPassphrase();
    await phoneCrypto.bootstrapSecretStorage({ createSecretStorageKey: async () => recovery!, setupNewSecretStorage: true });
    const master = JSON.stringify(fx.hs.world.keys.crossSigning.get(BOT)?.master?.keys);
    const uploads = fx.hs.requests.filter((r) => r.endsWith('/keys/device_signing/upload')).length;
    const secret = encryptedRoom();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret], recoveryKey: recovery.encodedPrivateKey });
    assert.equal(JSON.stringify(fx.hs.world.keys.crossSigning.get(BOT)?.master?.keys), master, "the account's cross-signing keys are kept");
    assert.equal(fx.hs.requests.filter((r) => r.endsWith('/keys/device_signing/upload')).length, uploads, 'no new cross-signing keys');
    assert.ok(fx.logs.some((l) => l.crossSigning === 'done'));
    const alice = await peer({ strict: true });
    await alice.sees(fx.hs, secret, BOT);
    const reply = await ask(alice, secret, '!interview latest');
    assert.match(String(reply.getContent().body), /Priya Raman/);
  });

  it('cross-signs once: a restart keeps the cross-signing keys and does not upload new ones', async () => {
    const secret = encryptedRoom();
    const first = await fx.startBot({ rooms: ['#rdo:hs.test', secret], password: 'bot-password' });
    const master = JSON.stringify(fx.hs.world.keys.crossSigning.get(BOT)?.master?.keys);
    await first.stop();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret], password: 'bot-password' });
    assert.equal(JSON.stringify(fx.hs.world.keys.crossSigning.get(BOT)?.master?.keys), master);
    assert.equal(fx.hs.requests.filter((r) => r.endsWith('/keys/device_signing/upload')).length, 2, 'one upload: asked, then confirmed with the password');
    assert.ok(fx.logs.some((l) => l.crossSigning === 'already'));
    const alice = await peer({ strict: true });
    await alice.sees(fx.hs, secret, BOT);
    await ask(alice, secret, '!about');
  });

  it('answers a message whose room key arrives after the message, and logs the failure once with room and reason', async () => {
    const secret = encryptedRoom();
    await fx.startBot({ rooms: ['#rdo:hs.test', secret] });
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    fx.hs.world.keys.hold(BOT);
    const asked = await alice.say(secret, '!interview latest');
    await fx.hs.waitFor(() => fx.logs.find((l) => /cannot decrypt/.test(l.msg)), 8000, 'the decryption failure logged');
    const failure = fx.logs.find((l) => /cannot decrypt/.test(l.msg))!;
    assert.equal(failure.roomId, secret);
    assert.equal(typeof failure.reason, 'string');
    await alice.say(secret, 'another line, also without its key yet');
    fx.hs.world.keys.release(BOT);
    const reply = await alice.replyTo(fx.hs, secret, asked, BOT);
    assert.match(String(reply.getContent().body), /Priya Raman/);
    assert.equal(fx.logs.filter((l) => /cannot decrypt/.test(l.msg)).length, 1, 'logged once per room');
  });

  it('keeps its crypto files private (0600), and encrypted at rest with MATRIX_CRYPTO_KEY', async () => {
    const key = 'correct horse battery staple, long enough';
    const first = await fx.startBot({ cryptoKey: key });
    const dir = fx.context.dataDir;
    await first.stop();
    for (const name of [CRYPTO_FILE, SESSION_FILE]) assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600, `${name} is 0600`);
    const bytes = readFileSync(join(dir, CRYPTO_FILE));
    assert.ok(!bytes.includes(Buffer.from(botDevice())), 'the device id is not readable in the file');
    const ed25519 = fx.hs.world.keys.ed25519(BOT, botDevice())!;
    assert.ok(!bytes.includes(Buffer.from(ed25519)));
    await assert.rejects(fx.startBot({ cryptoKey: 'not the key it was written with' }), /MATRIX_CRYPTO_KEY is not the key/);
    await assert.rejects(fx.startBot(), /encrypted: set MATRIX_CRYPTO_KEY/);
    await fx.startBot({ cryptoKey: key });
    assert.equal(fx.hs.world.keys.ed25519(BOT, botDevice()), ed25519);
  });

  it('with a password, a lost store logs in as a new device and says so; the old device keeps its keys', async () => {
    const login = { accessToken: undefined, user: 'rdobot', password: 'bot-password' };
    const first = await fx.startBot(login);
    await first.stop();
    const session = JSON.parse(readFileSync(join(fx.context.dataDir, SESSION_FILE), 'utf8')) as { deviceId: string };
    const oldKey = fx.hs.world.keys.ed25519(BOT, session.deviceId);
    rmSync(join(fx.context.dataDir, CRYPTO_FILE));
    await fx.startBot(login);
    const now = JSON.parse(readFileSync(join(fx.context.dataDir, SESSION_FILE), 'utf8')) as { deviceId: string };
    assert.notEqual(now.deviceId, session.deviceId);
    assert.equal(fx.hs.world.keys.ed25519(BOT, session.deviceId), oldKey, 'no new keys for the old device');
    assert.ok(fx.hs.world.keys.ed25519(BOT, now.deviceId));
    assert.ok(fx.logs.some((l) => l.msg.includes(`crypto store of device ${session.deviceId} is lost`) && l.deviceId === now.deviceId));
    const secret = encryptedRoom();
    fx.hs.world.setMembership(secret, BOT, BOT, 'join');
    const alice = await peer();
    await alice.sees(fx.hs, secret, BOT);
    await ask(alice, secret, '!about');
  });

  it('with only a token, a lost store leaves encryption off and says what happened, uploading no keys for the old device', async () => {
    const first = await fx.startBot();
    const device = botDevice();
    const key = fx.hs.world.keys.ed25519(BOT, device);
    await first.stop();
    rmSync(join(fx.context.dataDir, CRYPTO_FILE));
    const uploads = fx.hs.requests.filter((r) => r.endsWith('/keys/upload')).length;
    const adapter = await fx.startBot();
    assert.equal(fx.hs.requests.filter((r) => r.endsWith('/keys/upload')).length, uploads);
    assert.equal(fx.hs.world.keys.ed25519(BOT, device), key);
    assert.ok(fx.logs.some((l) => l.level === 50 && l.msg.includes(`crypto store of device ${device} is lost`) && /new access token/.test(l.msg)));
    assert.match(adapter.status!().detail ?? '', /e2ee off \(crypto store of device .* lost\)/);
    // Plain rooms still work.
    await fx.replyTo(fx.hs.say(fx.roomId, ALICE, '!about'));
  });

  it('does not claim to be up (nor /healthz) before its device keys are on the homeserver', async () => {
    fx.hs.world.keys.refuseUploads = true;
    const { createMatrixAdapter } = await import('../../../adapters/matrix/index.js');
    const adapter = createMatrixAdapter(fx.context, fx.options());
    const t = await fixtureBot();
    const view = { ...t.bot, archive: t.bot.archive, warnings: [], loadedAt: new Date(0), logger: silentLogger(), metrics: null, adapters: () => [adapter], health: () => ({}) } as unknown as BotView;
    const http = new HttpEndpoint(view, { host: '127.0.0.1', port: 0 });
    const port = await http.start();
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as { adapters: { connected: boolean; detail?: string }[] } };
    };
    try {
      let started = false;
      const starting = adapter.start().then(() => (started = true));
      await fx.hs.waitFor(() => fx.hs.requests.some((r) => r.endsWith('/keys/upload')), 8000, 'a key upload');
      assert.equal(started, false);
      assert.equal(adapter.status!().connected, false);
      const waiting = await healthz();
      assert.equal(waiting.status, 503);
      assert.match(waiting.body.adapters[0].detail ?? '', /waiting for its device keys/);
      assert.ok(!fx.logs.some((l) => l.msg === 'matrix: connected'));
      fx.hs.world.keys.refuseUploads = false;
      await starting;
      assert.ok(fx.hs.world.keys.ed25519(BOT, botDevice()));
      const up = await healthz();
      assert.equal(up.status, 200);
      assert.deepEqual([up.body.adapters[0].connected, up.body.adapters[0].detail], [true, 'e2ee on']);
    } finally {
      await adapter.stop();
      await http.stop();
      t.bot.close();
    }
  });

});

describe('meetings in an encrypted Matrix room', function () {
  this.timeout(30000);

  it('records a meeting held in an encrypted room, its lines answered encrypted', async () => {
    const t = await fixtureBot({
      archiveDirs: [FIXTURE_POSTS],
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-matrix-e2ee-meet-')),
      publicUrl: 'https://bot.example.org/',
      meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
    });
    const fx = await new MatrixFixture().setUp(t.context);
    let alice: E2eePeer | undefined;
    try {
      const secret = fx.hs.createRoom({ name: 'secret', creator: OP, members: [ALICE], encrypted: true });
      await fx.startBot({ rooms: [secret] });
      alice = await E2eePeer.start(fx.hs, ALICE);
      await alice.sees(fx.hs, secret, BOT);
      for (const line of ['#startmeeting Private planning', '#topic Budget', 'we need another CI runner', '#agreed buy another CI runner', '#endmeeting']) {
        const handled = fx.handled.length;
        await alice.say(secret, line);
        await until(() => fx.handled.length > handled, 8000, `"${line}" to reach the core`);
      }
      const decrypted = () => alice!.eventsFrom(secret, BOT).filter((e) => e.isEncrypted() && !e.isBeingDecrypted() && !e.isDecryptionFailure());
      await until(() => decrypted().some((e) => String(e.getContent().body).startsWith('Meeting ended')), 10_000, 'the end of the meeting, decrypted');
      const store = t.bot.meetings.store;
      const row = store.ended()[0];
      assert.equal(row.network, 'matrix');
      const minutes = outline(buildMinutes(store, row));
      assert.equal(minutes.name, 'Private planning');
      assert.deepEqual(minutes.agreed, ['agreed: buy another CI runner']);
      assert.ok(fx.sent(secret).every((e) => e.type === 'm.room.encrypted'), 'nothing went out in the clear');
    } finally {
      alice?.stop();
      await fx.tearDown();
      t.bot.close();
    }
  });
});
