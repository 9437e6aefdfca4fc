/**
 * A private file written so a crash never leaves half of it, optionally sealed with AES-256-GCM: the bytes go to
 * a temporary file (0600), are flushed to the disk (fsync), renamed over the old file, and the directory is
 * flushed too, so after `write` resolves the new content survives a power cut and the old one is never mixed in.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { open, readFile, rename, mkdir, chmod } from 'node:fs/promises';
import { dirname } from 'node:path';

const MAGIC = Buffer.from('RDOMXC1\n', 'latin1');
const PLAIN = 0;
const SEALED = 1;
const SALT = 16;
const IV = 12;
const TAG = 16;

/** The file is there but cannot be read: a wrong or missing key, or damage. Never treated as "no file". */
export class SealedFileError extends Error {}

/** Write `data` to `path` durably (temp file, fsync, rename, fsync of the directory), mode 0600. */
export async function writeDurably(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask cannot widen it, but an older file left by hand could have other bits.
  await chmod(tmp, 0o600);
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Seals and opens one file's content. With a passphrase (MATRIX_CRYPTO_KEY) the content is AES-256-GCM with a key
 * derived by scrypt from the passphrase and a random salt kept in the file; the key is derived once per salt.
 */
export class Sealer {
  private salt: Buffer | undefined;
  private key: Buffer | undefined;

  constructor(private readonly passphrase: string | undefined) {}

  get sealed(): boolean {
    return this.passphrase !== undefined;
  }

  seal(plain: Buffer): Buffer {
    if (this.passphrase === undefined) return Buffer.concat([MAGIC, Buffer.from([PLAIN]), plain]);
    const key = this.keyFor(this.salt ?? randomBytes(SALT));
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(MAGIC);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, Buffer.from([SEALED]), this.salt!, iv, cipher.getAuthTag(), body]);
  }

  open(file: Buffer, what: string): Buffer {
    if (file.length < MAGIC.length + 1 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealedFileError(`${what} is not an rdobot crypto store file`);
    const mode = file[MAGIC.length];
    const rest = file.subarray(MAGIC.length + 1);
    if (mode === PLAIN) {
      if (this.passphrase !== undefined) throw new SealedFileError(`${what} is not encrypted but MATRIX_CRYPTO_KEY is set: unset it, or move the file away to start as a new device`);
      return rest;
    }
    if (mode !== SEALED) throw new SealedFileError(`${what} has an unknown format`);
    if (this.passphrase === undefined) throw new SealedFileError(`${what} is encrypted: set MATRIX_CRYPTO_KEY to the key it was written with`);
    const salt = rest.subarray(0, SALT);
    const iv = rest.subarray(SALT, SALT + IV);
    const tag = rest.subarray(SALT + IV, SALT + IV + TAG);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(Buffer.from(salt)), iv);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(rest.subarray(SALT + IV + TAG)), decipher.final()]);
    } catch {
      throw new SealedFileError(`${what} cannot be decrypted: MATRIX_CRYPTO_KEY is not the key it was written with, or the file is damaged`);
    }
  }

  private keyFor(salt: Buffer): Buffer {
    if (!this.key || !this.salt?.equals(salt)) {
      this.salt = salt;
      this.key = scryptSync(this.passphrase!, salt, 32);
    }
    return this.key;
  }
}

/** The file's bytes, or undefined when there is no file. */
export async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
