// Uploaded files: the type is decided by the bytes, not by the name or the declared type, and every
// file passes a scanner before it is stored.

export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;

export interface SniffedType {
  contentType: string;
  extension: string;
  label: string;
}

const SIGNATURES: { magic: number[]; type: SniffedType }[] = [
  {
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
    type: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  },
  {
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    type: { contentType: 'image/png', extension: 'png', label: 'PNG 图片' },
  },
  { magic: [0xff, 0xd8, 0xff], type: { contentType: 'image/jpeg', extension: 'jpg', label: 'JPEG 图片' } },
];

/** OFD (GB/T 33190) and DOCX are both ZIP containers; the entry names tell them apart. */
function sniffZip(bytes: Buffer): SniffedType | undefined {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return undefined;
  const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
  if (head.includes('OFD.xml'))
    return { contentType: 'application/ofd', extension: 'ofd', label: 'OFD 版式文件' };
  if (head.includes('word/')) {
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
      label: 'Word 文档',
    };
  }
  return undefined;
}

/** The accepted type of a material file, or undefined when the bytes are of any other kind. */
export function sniffMaterial(bytes: Buffer): SniffedType | undefined {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.magic.length && s.magic.every((b, i) => bytes[i] === b)) return s.type;
  }
  return sniffZip(bytes);
}

export const ACCEPTED_LABELS = 'PDF、OFD、JPEG、PNG、Word（docx）';

/** A virus-scan hook. A site plugs in its engine (e.g. a clamd adapter) through this interface. */
export interface FileScanner {
  scan(bytes: Buffer): Promise<{ clean: true } | { clean: false; finding: string }>;
}

// The industry-standard anti-virus test file (EICAR): every engine reports it, so the hook can be
// tested end to end without malware.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The built-in scanner recognises only the EICAR test signature; real deployments configure one. */
export const signatureScanner: FileScanner = {
  async scan(bytes) {
    return bytes.includes(EICAR) ? { clean: false, finding: 'EICAR-Test-Signature' } : { clean: true };
  },
};
