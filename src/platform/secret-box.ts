import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Encrypts small secrets kept in the database (TOTP seeds) with a server key, so a copy of the database or of
 * an export alone cannot mint second-factor codes. AES-256-GCM; the stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). `context` (the owner's id) is bound as associated data: a secret
 * copied onto another row does not decrypt.
 *
 * The key comes from `PALPA_SECRET_KEY` (any string of 32+ characters) or, when that is unset, from a random
 * key file created on first use beside the data (`PALPA_SECRET_KEY_FILE`, default `./data/secret.key`, mode
 * 0600). Back it up with the database: without it, everyone's two-factor set-up must be redone.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** The plaintext; a value stored before encryption (no `v1.` prefix) is returned as it is. */
  open(stored: string, context: string): string;
  /** Whether a stored value predates encryption (so it should be sealed on its next use). */
  isLegacy(stored: string): boolean;
}

const PREFIX = 'v1.';

export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < 32) throw new Error('The secret key must be at least 32 characters');
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'palpa', 'palpa secret box v1', 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.');
    },
    open(stored, context) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, tag, ciphertext] = stored
        .slice(PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !ciphertext) throw new Error('Malformed sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    },
    isLegacy: (stored) => !stored.startsWith(PREFIX),
  };
}

/** The configured key, or the key file's (created with a fresh random key when missing). */
export function loadSecretKey(options: { secretKey?: string; secretKeyFile: string }): string {
  if (options.secretKey) return options.secretKey;
  const file = options.secretKeyFile;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
