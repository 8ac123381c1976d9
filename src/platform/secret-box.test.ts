import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('a-long-enough-server-key-for-the-tests-0123');

  it('round-trips, with a fresh IV each time, and refuses a tampered value', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(a).not.toBe(b);
    expect(box.open(a, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    const tampered = `${a.slice(0, -2)}${a.at(-2) === 'A' ? 'B' : 'A'}${a.slice(-1)}`;
    expect(() => box.open(tampered, 'user-1')).toThrow();
    expect(() => box.open(a, 'user-2')).toThrow();
  });

  it('passes a value stored before encryption through, and says so', () => {
    expect(box.isLegacy('JBSWY3DPEHPK3PXP')).toBe(true);
    expect(box.open('JBSWY3DPEHPK3PXP', 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.isLegacy(box.seal('x', 'user-1'))).toBe(false);
  });

  it('refuses a short key', () => {
    expect(() => createSecretBox('short')).toThrow(/32/);
  });

  it('creates a private key file once and reads the same key afterwards', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'palpa-key-')), 'nested', 'secret.key');
    const first = loadSecretKey({ secretKeyFile: file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ secretKeyFile: file })).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadSecretKey({ secretKey: 'from-the-environment', secretKeyFile: file })).toBe(
      'from-the-environment',
    );
  });
});
