// Vector geometry of the drawn round seal (unit name along the upper arc, five-pointed star, seal
// name below), shared by the PDF renderer (pdfkit paths), the DOCX renderer (SVG image) and a small
// PNG rasteriser (the DOCX fallback image for readers without SVG support).
//
// The drawing is decoration: it is not a legal 电子印章 (R-SEAL-1); legal seals come from the
// regional e-seal service.

import zlib from 'node:zlib';
import type { Font } from 'fontkit';
import type { DocumentSeal } from './model.ts';

export const SEAL_RED = '#E60012';
const MM = 72 / 25.4;
/** Default seal diameter: 42 mm, the common size of an agency's round seal. */
export const SEAL_DIAMETER_PT = 42 * MM;

export type PathCmd =
  | { op: 'M' | 'L'; pts: [number, number] }
  | { op: 'Q'; pts: [number, number, number, number] }
  | { op: 'C'; pts: [number, number, number, number, number, number] }
  | { op: 'Z' };

export interface SealShape {
  cmds: PathCmd[];
  rule: 'nonzero' | 'evenodd';
}

export interface SealGeometry {
  /** Width and height of the square box (points); the seal centre is at (size/2, size/2). */
  size: number;
  shapes: SealShape[];
}

type Affine = (x: number, y: number) => [number, number];

function circle(cx: number, cy: number, r: number, clockwise: boolean): PathCmd[] {
  // Four cubic arcs (kappa approximation).
  const k = 0.5522847498 * r;
  const s = clockwise ? 1 : -1;
  return [
    { op: 'M', pts: [cx, cy - r] },
    { op: 'C', pts: [cx + s * k, cy - r, cx + s * r, cy - k, cx + s * r, cy] },
    { op: 'C', pts: [cx + s * r, cy + k, cx + s * k, cy + r, cx, cy + r] },
    { op: 'C', pts: [cx - s * k, cy + r, cx - s * r, cy + k, cx - s * r, cy] },
    { op: 'C', pts: [cx - s * r, cy - k, cx - s * k, cy - r, cx, cy - r] },
    { op: 'Z' },
  ];
}

function glyphCmds(font: Font, ch: string, map: Affine): PathCmd[] {
  const glyph = font.glyphForCodePoint(ch.codePointAt(0) ?? 0);
  const out: PathCmd[] = [];
  for (const c of glyph.path.commands) {
    const a = c.args;
    const p = (i: number): [number, number] => map(a[i] ?? 0, a[i + 1] ?? 0);
    switch (c.command) {
      case 'moveTo':
        out.push({ op: 'M', pts: p(0) });
        break;
      case 'lineTo':
        out.push({ op: 'L', pts: p(0) });
        break;
      case 'quadraticCurveTo':
        out.push({ op: 'Q', pts: [...p(0), ...p(2)] });
        break;
      case 'bezierCurveTo':
        out.push({ op: 'C', pts: [...p(0), ...p(2), ...p(4)] });
        break;
      case 'closePath':
        out.push({ op: 'Z' });
        break;
    }
  }
  return out;
}

/**
 * A glyph whose em box (ideographic: 880 above to 120 below the baseline per 1000 units) is centred on
 * (cx, cy), `height` points tall, horizontally scaled by `widthScale`, rotated clockwise by `angle`
 * radians (0 = upright).
 */
function placedGlyph(
  font: Font,
  ch: string,
  cx: number,
  cy: number,
  height: number,
  widthScale: number,
  angle: number,
): PathCmd[] {
  const upm = font.unitsPerEm;
  const s = height / upm;
  const adv = font.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth || upm;
  const midY = 0.38 * upm;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return glyphCmds(font, ch, (x, y) => {
    const u = (x - adv / 2) * s * widthScale;
    const v = -(y - midY) * s;
    return [cx + u * cos - v * sin, cy + u * sin + v * cos];
  });
}

/** The seal drawing; glyphs come from `font` (a serif face, like the 宋体 of real seals). */
export function sealGeometry(
  seal: DocumentSeal,
  font: Font,
  diameter: number = SEAL_DIAMETER_PT,
): SealGeometry {
  const R = diameter / 2;
  const c = R;
  const ringOuter = R - 0.3 * MM;
  const ringWidth = 1.2 * MM;
  const ringInner = ringOuter - ringWidth;
  const shapes: SealShape[] = [
    { cmds: [...circle(c, c, ringOuter, true), ...circle(c, c, ringInner, true)], rule: 'evenodd' },
  ];

  // Unit name along the upper arc, tops outward, read clockwise from the lower left.
  let textInner = ringInner - 1.2 * MM;
  let arcLowest = c - R;
  const chars = [...seal.unitName];
  const n = chars.length;
  if (n > 0) {
    const spanDeg = n === 1 ? 0 : Math.min(seal.name ? 220 : 250, Math.max(120, n * 21));
    const step = n === 1 ? 0 : ((spanDeg / (n - 1)) * Math.PI) / 180;
    const start = (-spanDeg / 2) * (Math.PI / 180);
    const gap = 0.9 * MM;
    // Character height: limited by the arc length per character and by 6 mm.
    let h = 6 * MM;
    const rFor = (hh: number): number => ringInner - gap - hh / 2;
    if (n > 1) {
      for (let i = 0; i < 20 && step * rFor(h) * 1.05 < h * 0.78; i++) h *= 0.93;
    }
    const r = rFor(h);
    textInner = r - h / 2 - 0.4 * MM;
    // Lowest point of the arc text: the end characters, whose centres lie below the centre when the
    // span exceeds 180°.
    arcLowest = c - r * Math.cos(start) + h / 2;
    chars.forEach((ch, i) => {
      const a = start + i * step;
      shapes.push({
        cmds: placedGlyph(font, ch, c + r * Math.sin(a), c - r * Math.cos(a), h, 0.78, a),
        rule: 'nonzero',
      });
    });
  }

  // Five-pointed star in the centre.
  const so = R * 0.3;
  const si = so * 0.382;
  const star: PathCmd[] = [];
  for (let k = 0; k < 10; k++) {
    const rr = k % 2 === 0 ? so : si;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    star.push({ op: k === 0 ? 'M' : 'L', pts: [c + rr * Math.cos(a), c + rr * Math.sin(a)] });
  }
  star.push({ op: 'Z' });
  shapes.push({ cmds: star, rule: 'nonzero' });

  // Seal name under the star, on one horizontal line, as wide as the chord at its lower edge allows.
  const name = [...seal.name];
  if (name.length > 0) {
    const widthScale = 0.85;
    const pitch = (hh: number): number => hh * widthScale * 1.02;
    const cyFor = (hh: number): number => Math.max(c + R * 0.5, c + so * 0.55 + 1 * MM + hh / 2);
    // Between the arc ends the name may reach the ring; level with the arc text, only its inner edge.
    const bound = (hh: number): number =>
      cyFor(hh) - hh / 2 > arcLowest + 0.5 * MM ? ringInner - 1.2 * MM : textInner;
    const halfChord = (hh: number): number =>
      Math.sqrt(Math.max(0, bound(hh) ** 2 - (cyFor(hh) - c + hh / 2) ** 2));
    let h = 4.6 * MM;
    while (pitch(h) * name.length > 2 * halfChord(h) && h > 2 * MM) h *= 0.96;
    const cy = cyFor(h);
    const total = pitch(h) * name.length;
    name.forEach((ch, i) => {
      const cx = c - total / 2 + pitch(h) * (i + 0.5);
      shapes.push({ cmds: placedGlyph(font, ch, cx, cy, h, widthScale, 0), rule: 'nonzero' });
    });
  }
  return { size: diameter, shapes };
}

const fmt = (v: number): string => String(Math.round(v * 100) / 100);

/** SVG path data of one shape. */
export function svgPathData(cmds: readonly PathCmd[]): string {
  return cmds.map((c) => (c.op === 'Z' ? 'Z' : `${c.op}${c.pts.map(fmt).join(' ')}`)).join('');
}

/** A standalone SVG image of the seal (1 user unit = 1 pt). */
export function sealSvg(g: SealGeometry, color: string = SEAL_RED): string {
  const paths = g.shapes
    .map((s) => `<path d="${svgPathData(s.cmds)}" fill="${color}" fill-rule="${s.rule}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(g.size)}pt" height="${fmt(g.size)}pt" viewBox="0 0 ${fmt(g.size)} ${fmt(g.size)}">${paths}</svg>`;
}

// ---------------------------------------------------------------------------------------------
// PNG fallback: scanline polygon fill with 4× vertical and horizontal coverage sampling.

function flatten(cmds: readonly PathCmd[], scale: number): [number, number][][] {
  const polys: [number, number][][] = [];
  let cur: [number, number][] = [];
  let x = 0;
  let y = 0;
  const push = (px: number, py: number): void => {
    cur.push([px * scale, py * scale]);
    x = px;
    y = py;
  };
  for (const c of cmds) {
    if (c.op === 'M') {
      if (cur.length > 1) polys.push(cur);
      cur = [];
      push(c.pts[0], c.pts[1]);
    } else if (c.op === 'L') {
      push(c.pts[0], c.pts[1]);
    } else if (c.op === 'Q') {
      const [x1, y1, x2, y2] = c.pts;
      const x0 = x;
      const y0 = y;
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const m = 1 - t;
        push(m * m * x0 + 2 * m * t * x1 + t * t * x2, m * m * y0 + 2 * m * t * y1 + t * t * y2);
      }
    } else if (c.op === 'C') {
      const [x1, y1, x2, y2, x3, y3] = c.pts;
      const x0 = x;
      const y0 = y;
      for (let i = 1; i <= 12; i++) {
        const t = i / 12;
        const m = 1 - t;
        push(
          m * m * m * x0 + 3 * m * m * t * x1 + 3 * m * t * t * x2 + t * t * t * x3,
          m * m * m * y0 + 3 * m * m * t * y1 + 3 * m * t * t * y2 + t * t * t * y3,
        );
      }
    } else {
      if (cur.length > 1) polys.push(cur);
      cur = [];
    }
  }
  if (cur.length > 1) polys.push(cur);
  return polys;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA PNG of the seal, `px` pixels square, transparent background. */
export function sealPng(g: SealGeometry, px: number, color: string = SEAL_RED): Buffer {
  const scale = px / g.size;
  const rgb = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  const SS = 4;
  const coverage = new Float32Array(px * px);
  for (const shape of g.shapes) {
    const polys = flatten(shape.cmds, scale);
    const edges: [number, number, number, number, number][] = [];
    for (const poly of polys) {
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i]!;
        const b = poly[(i + 1) % poly.length]!;
        if (a[1] === b[1]) continue;
        edges.push(a[1] < b[1] ? [a[0], a[1], b[0], b[1], 1] : [b[0], b[1], a[0], a[1], -1]);
      }
    }
    const mask = new Float32Array(px * px);
    for (let row = 0; row < px * SS; row++) {
      const sy = (row + 0.5) / SS;
      const xs: [number, number][] = [];
      for (const [x0, y0, x1, y1, w] of edges) {
        if (sy >= y0 && sy < y1) xs.push([x0 + ((sy - y0) * (x1 - x0)) / (y1 - y0), w]);
      }
      xs.sort((p, q) => p[0] - q[0]);
      let wind = 0;
      const py = Math.floor(sy);
      for (let i = 0; i < xs.length - 1; i++) {
        wind = shape.rule === 'evenodd' ? wind ^ 1 : wind + xs[i]![1];
        if (wind === 0) continue;
        const xa = Math.max(0, xs[i]![0]);
        const xb = Math.min(px, xs[i + 1]![0]);
        for (let sx = Math.ceil(xa * SS - 0.5); (sx + 0.5) / SS < xb; sx++) {
          const pxi = Math.floor((sx + 0.5) / SS);
          const idx = py * px + pxi;
          mask[idx] = (mask[idx] ?? 0) + 1 / (SS * SS);
        }
      }
    }
    for (let i = 0; i < mask.length; i++) coverage[i] = Math.min(1, (coverage[i] ?? 0) + (mask[i] ?? 0));
  }
  const raw = Buffer.alloc(px * (px * 4 + 1));
  for (let y = 0; y < px; y++) {
    const o = y * (px * 4 + 1);
    raw[o] = 0;
    for (let x = 0; x < px; x++) {
      const p = o + 1 + x * 4;
      raw[p] = rgb[0] ?? 0;
      raw[p + 1] = rgb[1] ?? 0;
      raw[p + 2] = rgb[2] ?? 0;
      raw[p + 3] = Math.round(Math.min(1, coverage[y * px + x] ?? 0) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
