// Font slots for the document renderers (ARCHITECTURE "Documents and seals").
//
// GB/T 9704 names font classes (小标宋, 仿宋, 黑体, 楷体), not vendors. Sites may point the slots at
// licensed fonts; the defaults are free fonts available on the machine:
//   1. Debian fonts-noto-cjk (/usr/share/fonts/opentype/noto): Noto Serif CJK SC Regular for the body
//      (no free simplified 仿宋 exists in Debian), Serif Bold for the title (小标宋-like) and level-2
//      headings (standing in for 楷体), Sans Regular for level-1 headings (黑体-like);
//   2. otherwise @embedpdf/fonts-sc (Noto Sans Hans OTF, installed by npm), Regular/Medium/Bold.
// PDF embeds a subset of the file at `path` (TTC files need `face`, the PostScript name of the face;
// pdfkit cannot use woff2). DOCX only names fonts (`docx` names), the reader's machine supplies them.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

export interface FontFile {
  /** TTF/OTF/TTC file. */
  path: string;
  /** PostScript name of the face inside a TTC collection, e.g. 'NotoSerifCJKsc-Regular'. */
  face?: string;
}

/** Font names written into DOCX runs (w:rFonts eastAsia / ascii+hAnsi). */
export interface DocxFontNames {
  eastAsia: string;
  ascii: string;
}

export interface FontSlot extends FontFile {
  docx: DocxFontNames;
}

export interface DocumentFonts {
  /** 标题 and 发文机关标志 (小标宋). */
  title: FontSlot;
  /** 正文, 发文字号, 署名, 版记, page numbers (仿宋). */
  body: FontSlot;
  /** Level-1 headings, '出席：' labels (黑体). */
  heading1: FontSlot;
  /** Level-2 headings, 签发人 name (楷体). */
  heading2: FontSlot;
  /** PDF only: files tried in order for characters the slot's font cannot draw. */
  fallbacks?: FontFile[];
}

export type FontSlotName = 'title' | 'body' | 'heading1' | 'heading2';

export const DEBIAN_NOTO_DIR = '/usr/share/fonts/opentype/noto';

export const DOCX_DEFAULT_NAMES: Record<FontSlotName, DocxFontNames> = {
  title: { eastAsia: '方正小标宋简体', ascii: 'SimSun' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'FangSong' },
  heading1: { eastAsia: '黑体', ascii: 'SimHei' },
  heading2: { eastAsia: '楷体_GB2312', ascii: 'KaiTi' },
};

function npmFontDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its JS entry (dist/index.cjs); the fonts sit next to dist/.
    const entry = require.resolve('@embedpdf/fonts-sc');
    const dir = path.join(path.dirname(path.dirname(entry)), 'fonts');
    return fs.existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Default slots: Debian Noto CJK when present (checked per file), else the npm Noto Sans Hans OTFs.
 * `debianDir` is a parameter so tests can simulate a machine without fonts-noto-cjk.
 */
export function defaultFonts(debianDir: string = DEBIAN_NOTO_DIR): DocumentFonts {
  const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  const deb = (file: string, face: string): FontFile | null => {
    const p = path.join(debianDir, file);
    return fs.existsSync(p) ? { path: p, face } : null;
  };
  const npmDir = npmFontDir();
  const npm = (file: string): FontFile | null => {
    if (!npmDir) return null;
    const p = path.join(npmDir, file);
    return fs.existsSync(p) ? { path: p } : null;
  };
  const serif = deb('NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular');
  const serifBold = deb('NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold');
  const sans = deb('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular');
  const npmRegular = npm('NotoSansHans-Regular.otf');
  const npmMedium = npm('NotoSansHans-Medium.otf');
  const npmBold = npm('NotoSansHans-Bold.otf');
  const pick = (slot: FontSlotName, ...candidates: (FontFile | null)[]): FontSlot => {
    const f = candidates.find((c): c is FontFile => c !== null);
    if (!f) {
      throw new Error(
        `找不到可用的中文字体（${slot}）：请安装 fonts-noto-cjk 或 @embedpdf/fonts-sc，或在配置中指定字体文件`,
      );
    }
    return { ...f, docx: DOCX_DEFAULT_NAMES[slot] };
  };
  const body = pick('body', serif, npmRegular, sans);
  const fallbacks = [serif, sans, npmRegular].filter((f): f is FontFile => f !== null);
  if (debianDir === DEBIAN_NOTO_DIR && fs.existsSync(dejavu)) fallbacks.push({ path: dejavu });
  return {
    title: pick('title', serifBold, npmBold, serif, npmRegular),
    body,
    heading1: pick('heading1', sans, npmMedium, npmRegular, serifBold),
    heading2: pick('heading2', serifBold, npmMedium, serif, npmRegular),
    fallbacks: fallbacks.filter((f) => f.path !== body.path || f.face !== body.face),
  };
}

const bytesCache = new Map<string, Buffer>();
const fontCache = new Map<string, fontkit.Font>();

/** File bytes, read once per process (pdfkit gets the buffer, not the path). */
export function fontBytes(file: FontFile): Buffer {
  let b = bytesCache.get(file.path);
  if (!b) {
    b = fs.readFileSync(file.path);
    bytesCache.set(file.path, b);
  }
  return b;
}

function isCollection(f: fontkit.Font | fontkit.FontCollection): f is fontkit.FontCollection {
  return Array.isArray((f as fontkit.FontCollection).fonts);
}

/** The fontkit font of a file (the `face` of a collection; its first face when none is given). */
export function openFont(file: FontFile): fontkit.Font {
  const key = `${file.path}#${file.face ?? ''}`;
  let f = fontCache.get(key);
  if (!f) {
    const opened = file.face ? fontkit.create(fontBytes(file), file.face) : fontkit.create(fontBytes(file));
    if (!opened) throw new Error(`字体文件中没有字形“${file.face ?? ''}”：${file.path}`);
    if (isCollection(opened)) {
      const first = opened.fonts[0];
      if (!first) throw new Error(`字体集合为空：${file.path}`);
      f = first;
    } else {
      f = opened;
    }
    fontCache.set(key, f);
  }
  return f;
}

/** Whether the font has a real glyph (not .notdef) for the code point. */
export function hasGlyph(file: FontFile, codePoint: number): boolean {
  return openFont(file).glyphForCodePoint(codePoint).id !== 0;
}

// Characters that need no glyph: spaces, format controls (ZWJ, variation selectors), newlines.
function isInvisible(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    /^\s$/u.test(ch) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** The distinct characters of `text` (in order of first appearance) that the slot's font cannot draw. */
export function missingGlyphs(text: string, slot: FontFile): string[] {
  const font = openFont(slot);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch) || isInvisible(ch)) continue;
    seen.add(ch);
    const cp = ch.codePointAt(0) ?? 0;
    if (font.glyphForCodePoint(cp).id === 0) out.push(ch);
  }
  return out;
}

/** Characters neither the slot's font nor any fallback can draw (these print as blank boxes). */
export function undrawableGlyphs(text: string, slot: FontFile, fonts: DocumentFonts): string[] {
  return missingGlyphs(text, slot).filter((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return !(fonts.fallbacks ?? []).some((f) => hasGlyph(f, cp));
  });
}
