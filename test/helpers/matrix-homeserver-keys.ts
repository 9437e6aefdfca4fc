/**
 * The end-to-end encryption side of the homeserver stand-in: device keys, one-time and fallback keys,
 * cross-signing keys and their signatures, to-device messages and device-list changes, and the /sync
 * fields that carry them. What a real server checks about signatures is not checked here: the clients
 * (the Rust crypto on both ends) check them, which is what the tests are about.
 */
import type { HomeserverWorld, SyncBody } from './matrix-homeserver-world.js';

type Json = Record<string, unknown>;

interface ToDevice {
  pos: number;
  user: string;
  device: string;
  event: { sender: string; type: string; content: unknown };
}

export interface KeyRequest {
  userId: string;
  deviceId: string;
  body: Json;
}

export interface KeyReply {
  status: number;
  body: unknown;
}

type Signatures = Record<string, Record<string, string>>;

const ok = (body: unknown): KeyReply => ({ status: 200, body });

/** Merge the `signatures` of `extra` into `target` (both signed JSON objects). */
function mergeSignatures(target: Json, extra: Json): void {
  const into = (target.signatures ??= {}) as Signatures;
  for (const [user, sigs] of Object.entries((extra.signatures ?? {}) as Signatures)) into[user] = { ...into[user], ...sigs };
}

export class HomeserverKeys {
  /** user -> device -> signed device keys. */
  readonly deviceKeys = new Map<string, Map<string, Json>>();
  /** `user|device` -> key id -> one-time key. */
  private readonly oneTime = new Map<string, Map<string, unknown>>();
  /** `user|device` -> the fallback key, and whether a claim used it. */
  private readonly fallback = new Map<string, { id: string; key: unknown; used: boolean }>();
  /** user -> master / self_signing / user_signing key. */
  readonly crossSigning = new Map<string, { master?: Json; self_signing?: Json; user_signing?: Json }>();
  private readonly toDevice: ToDevice[] = [];
  private readonly changes: { pos: number; user: string }[] = [];
  /** `user|device` -> the highest position its syncs acknowledged: older to-device messages are gone. */
  private readonly acked = new Map<string, number>();
  /** Users whose incoming to-device messages are held back (a late room key), and what waits. */
  private readonly holding = new Set<string>();
  private readonly held: Omit<ToDevice, 'pos'>[] = [];
  /** Every to-device message sent, as `type sender -> user`, for tests that count key shares. */
  readonly toDeviceLog: string[] = [];
  /** While true, /keys/upload fails with a 500 (a homeserver that cannot take keys yet). */
  refuseUploads = false;

  constructor(private readonly world: HomeserverWorld) {}

  // ---- test controls ----

  /** Hold to-device messages for `user` until `release(user)`: their room keys arrive after the message. */
  hold(user: string): void {
    this.holding.add(user);
  }

  release(user: string): void {
    this.holding.delete(user);
    for (const m of this.held.splice(0).filter((h) => h.user === user)) this.deliver(m);
  }

  /** The ed25519 key a device published, if any. */
  ed25519(user: string, device: string): string | undefined {
    const keys = this.deviceKeys.get(user)?.get(device)?.keys as Record<string, string> | undefined;
    return keys?.[`ed25519:${device}`];
  }

  // ---- endpoints ----

  upload(req: KeyRequest): KeyReply {
    if (this.refuseUploads) return { status: 500, body: { errcode: 'M_UNKNOWN', error: 'keys cannot be stored right now' } };
    const slot = `${req.userId}|${req.deviceId}`;
    const device = req.body.device_keys as Json | undefined;
    if (device) {
      const known = this.deviceKeys.get(req.userId) ?? new Map<string, Json>();
      const before = known.get(req.deviceId);
      // Like Synapse: device keys, once published, are not replaced by different ones for the same device.
      if (before && JSON.stringify(before.keys) !== JSON.stringify(device.keys)) {
        return { status: 400, body: { errcode: 'M_INVALID_PARAM', error: 'device keys differ from the published ones' } };
      }
      if (before) mergeSignatures(device, before);
      known.set(req.deviceId, device);
      this.deviceKeys.set(req.userId, known);
      this.changed(req.userId);
    }
    const otks = this.oneTime.get(slot) ?? new Map<string, unknown>();
    for (const [id, key] of Object.entries((req.body.one_time_keys ?? {}) as Json)) otks.set(id, key);
    this.oneTime.set(slot, otks);
    for (const [id, key] of Object.entries((req.body.fallback_keys ?? {}) as Json)) this.fallback.set(slot, { id, key, used: false });
    return ok({ one_time_key_counts: this.counts(slot) });
  }

  query(req: KeyRequest): KeyReply {
    const asked = (req.body.device_keys ?? {}) as Record<string, string[]>;
    const out: Json = { device_keys: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {}, failures: {} };
    for (const [user, devices] of Object.entries(asked)) {
      const known = this.deviceKeys.get(user) ?? new Map<string, Json>();
      const wanted = devices.length ? devices : [...known.keys()];
      (out.device_keys as Json)[user] = Object.fromEntries(wanted.filter((d) => known.has(d)).map((d) => [d, known.get(d)]));
      const cs = this.crossSigning.get(user);
      if (cs?.master) (out.master_keys as Json)[user] = cs.master;
      if (cs?.self_signing) (out.self_signing_keys as Json)[user] = cs.self_signing;
      if (cs?.user_signing && user === req.userId) (out.user_signing_keys as Json)[user] = cs.user_signing;
    }
    return ok(out);
  }

  claim(req: KeyRequest): KeyReply {
    const asked = (req.body.one_time_keys ?? {}) as Record<string, Record<string, string>>;
    const out: Record<string, Record<string, Json>> = {};
    for (const [user, devices] of Object.entries(asked)) {
      for (const [device, algorithm] of Object.entries(devices)) {
        const slot = `${user}|${device}`;
        const otks = this.oneTime.get(slot);
        const id = [...(otks?.keys() ?? [])].find((k) => k.startsWith(`${algorithm}:`));
        let key: Json | undefined;
        if (id) {
          key = { [id]: otks!.get(id) };
          otks!.delete(id);
        } else {
          const fb = this.fallback.get(slot);
          if (fb && fb.id.startsWith(`${algorithm}:`)) {
            fb.used = true;
            key = { [fb.id]: fb.key };
          }
        }
        if (key) (out[user] ??= {})[device] = key;
      }
    }
    return ok({ one_time_keys: out, failures: {} });
  }

  sendToDevice(req: KeyRequest, type: string): KeyReply {
    const messages = (req.body.messages ?? {}) as Record<string, Record<string, unknown>>;
    for (const [user, devices] of Object.entries(messages)) {
      for (const [device, content] of Object.entries(devices)) {
        const targets = device === '*' ? [...(this.deviceKeys.get(user)?.keys() ?? [])] : [device];
        for (const target of targets) {
          const message = { user, device: target, event: { sender: req.userId, type, content } };
          this.toDeviceLog.push(`${type} ${req.userId} -> ${user}`);
          if (this.holding.has(user)) this.held.push(message);
          else this.deliver(message);
        }
      }
    }
    return ok({});
  }

  /** Cross-signing keys; the first upload needs the account password (user-interactive auth), as on Synapse. */
  deviceSigningUpload(req: KeyRequest, password: string | undefined): KeyReply {
    const auth = req.body.auth as { type?: string; password?: string } | undefined;
    const flows = { flows: [{ stages: ['m.login.password'] }], params: {}, session: 'uia-session' };
    if (!auth) return { status: 401, body: flows };
    if (auth.type !== 'm.login.password' || password === undefined || auth.password !== password) {
      return { status: 401, body: { ...flows, errcode: 'M_FORBIDDEN', error: 'Invalid password' } };
    }
    const keys = { ...this.crossSigning.get(req.userId) };
    for (const kind of ['master', 'self_signing', 'user_signing'] as const) {
      const key = req.body[`${kind}_key`] as Json | undefined;
      if (key) keys[kind] = key;
    }
    this.crossSigning.set(req.userId, keys);
    this.changed(req.userId);
    return ok({});
  }

  /** Signatures of devices (by their owner's self-signing key) and of master keys, merged into what is published. */
  signaturesUpload(req: KeyRequest): KeyReply {
    for (const [user, objects] of Object.entries(req.body as Record<string, Record<string, Json>>)) {
      for (const [keyId, signed] of Object.entries(objects)) {
        const device = this.deviceKeys.get(user)?.get(keyId);
        const master = this.crossSigning.get(user)?.master;
        const masterId = master ? Object.keys((master.keys ?? {}) as Json)[0]?.split(':')[1] : undefined;
        if (device) mergeSignatures(device, signed);
        else if (master && keyId === masterId) mergeSignatures(master, signed);
      }
      this.changed(user);
    }
    return ok({ failures: {} });
  }

  // ---- /sync ----

  /** The encryption fields of one device's /sync. */
  fill(body: SyncBody, user: string, device: string, since: number | undefined): void {
    const slot = `${user}|${device}`;
    const from = since ?? this.acked.get(slot) ?? 0;
    if (since !== undefined) this.acked.set(slot, Math.max(this.acked.get(slot) ?? 0, since));
    body.to_device.events = this.toDevice.filter((m) => m.pos > from && m.user === user && m.device === device).map((m) => m.event);
    if (since !== undefined) {
      const changed = new Set(this.changes.filter((c) => c.pos > since && this.world.sharesRoom(user, c.user)).map((c) => c.user));
      body.device_lists.changed = [...changed];
    }
    body.device_one_time_keys_count = this.counts(slot);
    const fb = this.fallback.get(slot);
    body.device_unused_fallback_key_types = fb && !fb.used ? [fb.id.split(':')[0]] : [];
  }

  private counts(slot: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const id of this.oneTime.get(slot)?.keys() ?? []) counts[id.split(':')[0]] = (counts[id.split(':')[0]] ?? 0) + 1;
    return counts;
  }

  private deliver(message: Omit<ToDevice, 'pos'>): void {
    this.world.bump((pos) => this.toDevice.push({ ...message, pos }));
  }

  private changed(user: string): void {
    this.world.bump((pos) => this.changes.push({ user, pos }));
  }
}
