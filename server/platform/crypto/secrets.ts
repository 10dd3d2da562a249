import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Secrets at rest (TOTP secrets, later seal keys) are encrypted with SM4-CBC under a 128-bit key
// from the environment (R-GM-3, 密评 8.4 e). The stored form is `sm4:<iv hex>:<ciphertext base64>`.
export class SecretBox {
  readonly #key: Buffer;
  constructor(keyHex: string) {
    if (!/^[0-9a-fA-F]{32}$/.test(keyHex))
      throw new Error('SECRET_KEY 应为 32 位十六进制（128 位 SM4 密钥）');
    this.#key = Buffer.from(keyHex, 'hex');
  }

  seal(plain: string): string {
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', this.#key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `sm4:${iv.toString('hex')}:${body.toString('base64')}`;
  }

  open(sealed: string): string {
    const [scheme, ivHex, body] = sealed.split(':');
    if (scheme !== 'sm4' || !ivHex || !body) throw new Error('无法识别的密文格式');
    const d = createDecipheriv('sm4-cbc', this.#key, Buffer.from(ivHex, 'hex'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }
}

export function newSecretKey(): string {
  return randomBytes(16).toString('hex');
}
