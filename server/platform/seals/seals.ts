import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import type { SealKind } from '../../db/types.ts';
import type { SecretBox } from '../crypto/secrets.ts';

// Seals (R-SEAL-1..4). A SealProvider signs the SM3 digest of a document's final bytes. The
// built-in provider's signature is an integrity proof made with the platform's keys, NOT a legal
// electronic seal; a legal seal comes from the region's unified e-seal service (GB/T 38540) through
// a provider with `legal: true` plugged into the same interface (see docs/ARCHITECTURE.md).

export const SEAL_KIND_LABELS: Record<SealKind, string> = {
  official: '法定名称章',
  internal: '内设机构章',
  business: '业务专用章',
  personal: '个人名章',
};

/** Printed on documents and the verification page for the built-in provider (R-SEAL-1). */
export const INTEGRITY_LABEL = '平台校验签名，非法定电子印章';

export interface SealKeyRecord {
  id: number;
  status: 'active' | 'suspended' | 'revoked';
  valid_from: string;
  valid_to: string;
  public_key: string;
  private_key_enc: string | null;
}

export interface SealProvider {
  readonly name: string;
  /** True only for a provider backed by an authorised e-seal service. */
  readonly legal: boolean;
  sign(digestHex: string, seal: SealKeyRecord): Promise<string>;
  verify(digestHex: string, signatureHex: string, seal: SealKeyRecord): Promise<boolean>;
}

export class SealUnusableError extends Error {}

/** SM3 digest of bytes, hex (GB/T 32905). */
export function sm3Hex(bytes: Uint8Array): string {
  return createHash('sm3').update(bytes).digest('hex');
}

/** Refuses a seal that is not active or outside its validity on `day` (R-SEAL-2). */
export function assertUsable(seal: SealKeyRecord, day: string) {
  if (seal.status !== 'active')
    throw new SealUnusableError(`印章已${seal.status === 'revoked' ? '注销' : '停用'}，不能用印`);
  if (day < seal.valid_from || day > seal.valid_to) {
    throw new SealUnusableError(`印章有效期为 ${seal.valid_from} 至 ${seal.valid_to}，${day} 不在有效期内`);
  }
}

// SM2 per GB/T 32918.2 with the default signer id (GB/T 35276): sm-crypto-v2 with hash: true
// computes SM3(Z_A || message) before signing; DER-encoded signatures.
const SM2_OPTIONS = { hash: true, der: true } as const;

export class BuiltinSealProvider implements SealProvider {
  readonly name = 'builtin';
  readonly legal = false;
  constructor(private readonly secrets: SecretBox) {}

  static newKeys(secrets: SecretBox): { publicKey: string; privateKeyEnc: string } {
    const keys = sm2.generateKeyPairHex();
    return { publicKey: keys.publicKey, privateKeyEnc: secrets.seal(keys.privateKey) };
  }

  async sign(digestHex: string, seal: SealKeyRecord): Promise<string> {
    if (!seal.private_key_enc) throw new SealUnusableError('该印章没有平台私钥，不能由平台用印');
    return sm2.doSignature(digestHex, this.secrets.open(seal.private_key_enc), SM2_OPTIONS);
  }

  async verify(digestHex: string, signatureHex: string, seal: SealKeyRecord): Promise<boolean> {
    try {
      return sm2.doVerifySignature(digestHex, signatureHex, seal.public_key, SM2_OPTIONS);
    } catch {
      return false;
    }
  }
}
