import { createSign, generateKeyPairSync } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { newSecretKey, SecretBox } from '../crypto/secrets.ts';
import { assertUsable, BuiltinSealProvider, type SealKeyRecord, sm3Hex } from './seals.ts';

const secrets = new SecretBox(newSecretKey());
const keys = BuiltinSealProvider.newKeys(secrets);
const seal: SealKeyRecord = {
  id: 1,
  status: 'active',
  valid_from: '2026-01-01',
  valid_to: '2030-12-31',
  public_key: keys.publicKey,
  private_key_enc: keys.privateKeyEnc,
};
const provider = new BuiltinSealProvider(secrets);

describe('SM3 and SM2 (R-GM-1/2)', () => {
  it('SM3 of "abc" is the GB/T 32905 vector', () => {
    expect(sm3Hex(Buffer.from('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('a signature verifies for the same bytes and fails after one byte changes', async () => {
    const bytes = Buffer.from('%PDF-1.7 南湖区行政审批局 告知函');
    const sig = await provider.sign(sm3Hex(bytes), seal);
    expect(await provider.verify(sm3Hex(bytes), sig, seal)).toBe(true);
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10]! + 1) % 256;
    expect(await provider.verify(sm3Hex(tampered), sig, seal)).toBe(false);
  });

  it('verifies a signature made independently with the SM2 reference algorithm (default id 1234567812345678)', async () => {
    const pair = sm2.generateKeyPairHex();
    const digest = sm3Hex(Buffer.from('独立实现签名'));
    const independent = sm2.doSignature(digest, pair.privateKey, {
      hash: true,
      der: true,
      userId: '1234567812345678',
    });
    expect(await provider.verify(digest, independent, { ...seal, public_key: pair.publicKey })).toBe(true);
  });

  it('rejects an ECDSA signature over the SM2 curve (not GB/T 32918)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const digest = sm3Hex(Buffer.from('ecdsa'));
    const ecdsa = createSign('sm3').update(digest).sign(privateKey).toString('hex');
    const jwkLess = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('hex');
    expect(await provider.verify(digest, ecdsa, { ...seal, public_key: jwkLess })).toBe(false);
  });

  it('the private key is stored SM4-encrypted, never in clear', () => {
    expect(keys.privateKeyEnc).toMatch(/^sm4:/);
    expect(keys.privateKeyEnc).not.toContain(secrets.open(keys.privateKeyEnc));
  });
});

describe('seal validity (R-SEAL-2)', () => {
  it.each([
    [{ status: 'revoked' as const }, '2026-06-01', /注销/],
    [{ status: 'suspended' as const }, '2026-06-01', /停用/],
    [{}, '2031-01-01', /有效期/],
    [{}, '2025-12-31', /有效期/],
  ])('%o on %s is refused', (over, day, message) => {
    expect(() => assertUsable({ ...seal, ...over }, day)).toThrow(message);
  });
  it('an active seal within its validity is usable', () => {
    expect(() => assertUsable(seal, '2026-06-01')).not.toThrow();
  });
});
