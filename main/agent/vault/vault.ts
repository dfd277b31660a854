// Card numbers and PINs at rest: sealed with AES-256-GCM under a key the agent does not keep in
// the database (a key file only the agent's user can read, or the OS keychain via Electron's
// safeStorage). Card fingerprints (HMAC) let the agent tell "the same card twice" without opening.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

export class Vault {
  private readonly encryptionKey: Buffer;
  private readonly fingerprintKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new VaultError('The vault key must be 32 bytes.');
    // Separate keys for separate jobs, derived from the one master key.
    this.encryptionKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'till-agent/seal/v1', 32),
    );
    this.fingerprintKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'till-agent/fingerprint/v1', 32),
    );
  }

  /** Seals text; `context` (e.g. "outbox") is bound to the ciphertext so it cannot be moved elsewhere. */
  seal(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer | Uint8Array, context: string): string {
    const data = Buffer.from(sealed);
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== VERSION)
      throw new VaultError('This sealed record is not in a format Till Agent knows.');
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(data.subarray(1 + IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new VaultError(
        'A sealed record could not be opened: the key is not the one it was sealed with, or the record was altered.',
      );
    }
  }

  sealJson(value: unknown, context: string): Buffer {
    return this.seal(JSON.stringify(value), context);
  }

  openJson<T>(sealed: Buffer | Uint8Array, context: string): T {
    return JSON.parse(this.open(sealed, context)) as T;
  }

  /** A stable, keyed fingerprint of a card number: equal for the same card, useless without the key. */
  fingerprint(cardNumber: string): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(cardNumber, 'utf8')
      .digest('base64url')
      .slice(0, 32);
  }
}
