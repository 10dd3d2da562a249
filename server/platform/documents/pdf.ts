// PDF rendering of an OfficialDocument per GB/T 9704-2012 (STANDARDS §5.2) with pdfkit.
//
// Layout model: A4, 版心 156 × 225 mm at 天头 37 mm / 订口 28 mm (same on every page: no mirrored
// margins). Body text sits on a grid of 22 lines: line k's 16 pt em box starts LINE_PITCH·k below the
// top of the 版心. Characters sit on a 28-per-line grid (CHAR_W = 156 mm / 28, i.e. a character spacing
// of CHAR_W − 16 pt for full-width glyphs); lines that are broken (not a paragraph's last line) are
// justified to the full width. Every line is positioned explicitly (no pdfkit wrapping), so nothing is
// dropped and the output is deterministic: the creation date is the document's 成文日期 and pdfkit's
// file ID is an MD5 of the info dictionary.

import PDFDocument from 'pdfkit';
import type { DocumentFonts, FontFile, FontSlotName } from './fonts.ts';
import { fontBytes, openFont } from './fonts.ts';
import { breakLines, type Cell, graphemes } from './linebreak.ts';
import {
  addresseeLine,
  assertValidDocument,
  attachmentItems,
  copyToText,
  formatChineseDate,
  type ImprintPlacement,
  imprintPlacement,
  type NumberedBlock,
  noteLine,
  numberBlocks,
  type OfficialDocument,
} from './model.ts';
import { SEAL_DIAMETER_PT, SEAL_RED, sealGeometry, svgPathData } from './seal.ts';

export const MM = 72 / 25.4;
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN_TOP = 37 * MM;
export const MARGIN_LEFT = 28 * MM;
export const TEXT_W = 156 * MM;
export const TEXT_H = 225 * MM;
export const TEXT_BOTTOM = MARGIN_TOP + TEXT_H;
export const BODY_SIZE = 16;
export const TITLE_SIZE = 22;
export const SMALL_SIZE = 14;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** Fixed line pitch: 22 lines in the 225 mm 版心 (28.95 pt, as Word's document grid reports). */
export const LINE_PITCH = 28.95;
export const CHAR_W = TEXT_W / CHARS_PER_LINE;
/** Print red (about C0 M100 Y100: Y80 % M80 % per R-DOC-3 is a print setting). */
export const PRINT_RED = '#E60012';
/** Ideographic em-box top above the alphabetic baseline, in em (Noto CJK: 880/1000). */
const EM_TOP = 0.88;

type FontKey = string;

interface Glyph extends Cell {
  font: FontKey;
  advance: number;
}

interface Segment {
  text: string;
  slot: FontSlotName;
  color?: string;
}

/** Registers slots and fallbacks with pdfkit and picks a font per grapheme. */
class FontSet {
  private readonly files = new Map<FontKey, FontFile>();
  private readonly fallbackKeys: FontKey[] = [];
  private readonly cache = new Map<string, { key: FontKey; advance: number }>();

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    fonts: DocumentFonts,
  ) {
    for (const slot of ['title', 'body', 'heading1', 'heading2'] as const) this.register(slot, fonts[slot]);
    (fonts.fallbacks ?? []).forEach((f, i) => {
      const key = `fallback${i}`;
      this.register(key, f);
      this.fallbackKeys.push(key);
    });
  }

  private register(key: FontKey, file: FontFile): void {
    this.files.set(key, file);
    if (file.face) this.pdf.registerFont(key, fontBytes(file), file.face);
    else this.pdf.registerFont(key, fontBytes(file));
  }

  file(key: FontKey): FontFile {
    const f = this.files.get(key);
    if (!f) throw new Error(`未注册的字体：${key}`);
    return f;
  }

  /** Font for one grapheme: the slot's font when it has the glyph, else the first fallback that has it. */
  pick(slot: FontSlotName, g: string): { key: FontKey; advance: number } {
    const ck = `${slot}\u0000${g}`;
    const hit = this.cache.get(ck);
    if (hit) return hit;
    const cp = g.codePointAt(0) ?? 0;
    const candidates = [slot, ...this.fallbackKeys];
    let key: FontKey = slot;
    if (!/^\s$/u.test(g)) {
      for (const k of candidates) {
        if (openFont(this.file(k)).glyphForCodePoint(cp).id !== 0) {
          key = k;
          break;
        }
      }
    }
    const font = openFont(this.file(key));
    const advance = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
    const r = { key, advance };
    this.cache.set(ck, r);
    return r;
  }

  /** Glyph cells of the segments at `size`, with `spacing` added to every advance. */
  shape(segments: readonly Segment[], size: number, spacing: number): (Glyph & { color?: string })[] {
    const out: (Glyph & { color?: string })[] = [];
    for (const seg of segments) {
      for (const g of graphemes(seg.text)) {
        const { key, advance } = this.pick(seg.slot, g);
        const adv = advance * size;
        out.push({ text: g, font: key, advance: adv, width: adv + spacing, color: seg.color });
      }
    }
    return out;
  }
}

interface LineOptions {
  size: number;
  /** Base spacing added to every glyph advance. */
  spacing: number;
  color?: string;
}

class Writer {
  readonly pdf: PDFKit.PDFDocument;
  readonly fonts: FontSet;
  /** Next free grid line on the current page. */
  line = 0;
  /** Lowest y used on the current page by drawings outside the grid (the seal). */
  reservedBottom = 0;
  pageCount = 1;
  /** Pages printed without a number (R-DOC-15: a blank page before the 版记 page, and that page). */
  readonly unnumbered = new Set<number>();

  constructor(
    readonly doc: OfficialDocument,
    fonts: DocumentFonts,
  ) {
    const created = new Date(`${doc.date}T00:00:00Z`);
    this.pdf = new PDFDocument({
      size: [PAGE_W, PAGE_H],
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      compress: true,
      info: {
        Title: doc.title,
        Author: doc.signatureName,
        Subject: doc.number ?? '',
        Producer: 'xietong',
        Creator: 'xietong',
        CreationDate: created,
        ModDate: created,
        ...(doc.footerLabel ? { Keywords: doc.footerLabel } : {}),
      },
    });
    this.fonts = new FontSet(this.pdf, fonts);
  }

  lineTop(k: number): number {
    return MARGIN_TOP + k * LINE_PITCH;
  }

  /** First grid line whose top is at or below y. */
  lineAtOrBelow(y: number): number {
    return Math.max(0, Math.ceil((y - MARGIN_TOP) / LINE_PITCH - 1e-6));
  }

  newPage(): void {
    this.pdf.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
    this.pageCount++;
    this.line = 0;
    this.reservedBottom = 0;
  }

  /** Draws glyphs from x on the baseline, `extra` added after every glyph (justification). */
  drawGlyphs(
    glyphs: readonly (Glyph & { color?: string })[],
    x: number,
    baseline: number,
    size: number,
    spacing: number,
    extra: number,
  ): void {
    let i = 0;
    let cx = x;
    while (i < glyphs.length) {
      const first = glyphs[i]!;
      let j = i + 1;
      while (j < glyphs.length && glyphs[j]!.font === first.font && glyphs[j]!.color === first.color) j++;
      const run = glyphs.slice(i, j);
      const text = run.map((g) => g.text).join('');
      const cs = spacing + extra;
      if (text.trim() !== '') {
        this.pdf
          .font(first.font)
          .fontSize(size)
          .fillColor(first.color ?? '#000000')
          .text(text, cx, baseline, { lineBreak: false, characterSpacing: cs, baseline: 'alphabetic' });
      }
      for (const g of run) cx += g.advance + cs;
      i = j;
    }
  }

  /** Width of glyphs as laid out (advance + spacing each). */
  static width(glyphs: readonly Cell[]): number {
    return glyphs.reduce((a, g) => a + g.width, 0);
  }

  /** Baseline of a text of `size` whose em box is vertically centred on grid line k's 16 pt em box. */
  baselineOnLine(k: number, size: number): number {
    return this.lineTop(k) + BODY_SIZE / 2 - size / 2 + EM_TOP * size;
  }

  /**
   * Flows a paragraph on the grid from the current line: first line indented `indent`, following lines
   * `restIndent`; broken lines justified unless `align` is center/right.
   */
  paragraph(
    segments: readonly Segment[],
    opts: Partial<LineOptions> & {
      indent?: number;
      restIndent?: number;
      align?: 'justify' | 'center' | 'right';
      rightIndent?: number;
      width?: number;
      /** Grid lines the next element needs on the same page: the last lines move along with it. */
      keepTail?: number;
    } = {},
  ): { firstLine: number; lastLine: number; page: number } {
    const size = opts.size ?? BODY_SIZE;
    const spacing = opts.spacing ?? (size === BODY_SIZE ? CHAR_W - BODY_SIZE : 0);
    const glyphs = this.fonts.shape(segments, size, spacing);
    const indent = opts.indent ?? 0;
    const restIndent = opts.restIndent ?? 0;
    const width = (opts.width ?? TEXT_W) - (opts.rightIndent ?? 0);
    const ranges = breakLines(glyphs, width - indent, width - restIndent);
    let firstLine = -1;
    let firstPage = this.pageCount;
    const carry = Math.min(2, ranges.length);
    ranges.forEach(([a, b], li) => {
      const remaining = ranges.length - li;
      if (this.line >= LINES_PER_PAGE) this.newPage();
      else if (
        opts.keepTail &&
        li === ranges.length - carry &&
        this.line > 0 &&
        this.line + remaining <= LINES_PER_PAGE &&
        this.line + remaining + opts.keepTail > LINES_PER_PAGE
      ) {
        this.newPage();
      }
      const line = glyphs.slice(a, b);
      const ind = li === 0 ? indent : restIndent;
      const avail = width - ind;
      // Trailing spaces do not count for justification.
      const visible = line.slice(0, line.length - countTrailingSpaces(line));
      const w = Writer.width(visible);
      let x = MARGIN_LEFT + ind;
      let extra = 0;
      if (opts.align === 'center') x = MARGIN_LEFT + (TEXT_W - w) / 2;
      else if (opts.align === 'right') x = MARGIN_LEFT + width - w;
      else if (li < ranges.length - 1 && visible.length > 1) {
        const slack = avail - w;
        if (slack > 0 && slack < 4 * CHAR_W) extra = slack / (visible.length - 1);
      }
      if (firstLine < 0) {
        firstLine = this.line;
        firstPage = this.pageCount;
      }
      this.drawGlyphs(line, x, this.baselineOnLine(this.line, size), size, spacing, extra);
      this.line++;
    });
    return { firstLine, lastLine: this.line - 1, page: firstPage };
  }

  /** Text at an absolute em-box top, horizontally placed by `x` (left) or centred. */
  absolute(
    segments: readonly Segment[],
    top: number,
    size: number,
    place: { center: true } | { left: number } | { right: number },
    spacing = 0,
  ): number {
    const glyphs = this.fonts.shape(segments, size, spacing);
    const w = Writer.width(glyphs) - spacing;
    const x =
      'center' in place ? MARGIN_LEFT + (TEXT_W - w) / 2 : 'left' in place ? place.left : place.right - w;
    this.drawGlyphs(glyphs, x, top + EM_TOP * size, size, spacing, 0);
    return w;
  }

  hline(x0: number, x1: number, y: number, width: number, color: string): void {
    this.pdf.save().moveTo(x0, y).lineTo(x1, y).lineWidth(width).strokeColor(color).stroke().restore();
  }
}

function countTrailingSpaces(line: readonly Cell[]): number {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && /^\s$/u.test(line[i]!.text); i--) n++;
  return n;
}

/** Font size of a red mark: at most 36 pt, at most the 版心 width for its characters. */
function markSize(mark: string): number {
  const n = graphemes(mark).length;
  return Math.min(36, (TEXT_W * 0.96) / Math.max(1, n));
}

/** Balanced title lines: as many lines as greedy breaking needs, of nearly equal length. */
function titleRanges(w: Writer, title: string): { glyphs: Glyph[]; ranges: [number, number][] } {
  const glyphs = w.fonts.shape([{ text: title, slot: 'title' }], TITLE_SIZE, 0);
  const greedy = breakLines(glyphs, TEXT_W, TEXT_W);
  const n = greedy.length;
  if (n <= 1) return { glyphs, ranges: greedy };
  const total = Writer.width(glyphs);
  for (let target = total / n; target < TEXT_W; target += TITLE_SIZE / 4) {
    const r = breakLines(glyphs, target, target);
    if (r.length <= n) return { glyphs, ranges: r };
  }
  return { glyphs, ranges: greedy };
}

function drawHeader(w: Writer, doc: OfficialDocument): void {
  const red = PRINT_RED;
  const titleSeg = (text: string): Segment[] => [{ text, slot: 'title', color: red }];
  let lastBottom: number;
  if (doc.format === 'letter') {
    // R-DOC-16: mark 30 mm from the page top; red double lines 170 mm long.
    const size = markSize(doc.issuerMark);
    const top = 30 * MM;
    w.absolute(titleSeg(doc.issuerMark), top, size, { center: true });
    const cx = MARGIN_LEFT + TEXT_W / 2;
    const x0 = cx - 85 * MM;
    const x1 = cx + 85 * MM;
    const y = top + size + 4 * MM;
    w.hline(x0, x1, y, 2.2, red);
    w.hline(x0, x1, y + 3, 0.8, red);
    const yb = PAGE_H - 20 * MM;
    w.hline(x0, x1, yb, 0.8, red);
    w.hline(x0, x1, yb + 3, 2.2, red);
    lastBottom = y + 3.4;
    if (doc.number) {
      const numTop = lastBottom + (7 / 8) * BODY_SIZE;
      w.absolute([{ text: doc.number, slot: 'body' }], numTop, BODY_SIZE, { right: MARGIN_LEFT + TEXT_W });
      lastBottom = numTop + BODY_SIZE;
    }
    // Title two lines below the last element.
    w.line = w.lineAtOrBelow(lastBottom + 2 * LINE_PITCH);
    return;
  }
  // 紧急程度: 黑体, on the first line of the 版心, flush left (GB/T 9704 §7.2.3).
  if (doc.urgency)
    w.absolute([{ text: doc.urgency, slot: 'heading1' }], MARGIN_TOP, BODY_SIZE, { left: MARGIN_LEFT });
  // Standard (R-DOC-5..7) and minutes (R-DOC-17): mark 35 mm below the top of the 版心.
  const size = markSize(doc.issuerMark);
  const top = MARGIN_TOP + 35 * MM;
  w.absolute(titleSeg(doc.issuerMark), top, size, { center: true });
  lastBottom = top + size;
  if (doc.number) {
    const numTop = lastBottom + 2 * LINE_PITCH;
    if (doc.signer) {
      w.absolute([{ text: doc.number, slot: 'body' }], numTop, BODY_SIZE, { left: MARGIN_LEFT + CHAR_W });
      w.absolute(
        [
          { text: '签发人：', slot: 'body' },
          { text: doc.signer, slot: 'heading2' },
        ],
        numTop,
        BODY_SIZE,
        { right: MARGIN_LEFT + TEXT_W - CHAR_W },
      );
    } else {
      w.absolute([{ text: doc.number, slot: 'body' }], numTop, BODY_SIZE, { center: true });
    }
    lastBottom = numTop + BODY_SIZE;
  } else {
    lastBottom += LINE_PITCH;
  }
  const redY = lastBottom + 4 * MM;
  w.hline(MARGIN_LEFT, MARGIN_LEFT + TEXT_W, redY, 1.5, red);
  w.line = w.lineAtOrBelow(redY + 2 * LINE_PITCH);
}

function drawTitle(w: Writer, doc: OfficialDocument): void {
  const { glyphs, ranges } = titleRanges(w, doc.title);
  for (const [a, b] of ranges) {
    if (w.line >= LINES_PER_PAGE) w.newPage();
    const line = glyphs.slice(a, b);
    const lw = Writer.width(line);
    w.drawGlyphs(
      line,
      MARGIN_LEFT + (TEXT_W - lw) / 2,
      w.baselineOnLine(w.line, TITLE_SIZE),
      TITLE_SIZE,
      0,
      0,
    );
    w.line++;
  }
}

type ParagraphOptions = NonNullable<Parameters<Writer['paragraph']>[1]>;
type Flow = { blank: true } | { blank?: false; segments: Segment[]; opts: ParagraphOptions };

/** '附件：' / '出席：' style lists: label at indent 2, items aligned after the colon. */
function labelledList(
  w: Writer,
  label: string,
  labelSlot: FontSlotName,
  items: readonly string[],
  joined: boolean,
): Flow[] {
  const measure = (text: string, slot: FontSlotName): number =>
    Writer.width(w.fonts.shape([{ text, slot }], BODY_SIZE, CHAR_W - BODY_SIZE));
  const labelW = measure(label, labelSlot);
  if (joined) {
    return [
      {
        segments: [
          { text: label, slot: labelSlot },
          { text: items.join('、'), slot: 'body' },
        ],
        opts: { indent: 2 * CHAR_W, restIndent: 2 * CHAR_W + labelW },
      },
    ];
  }
  return items.map((item, i) => {
    const m = /^(\d+\.\s?)/u.exec(item);
    const prefixW = m ? measure(m[1]!, 'body') : 0;
    const segments: Segment[] =
      i === 0
        ? [
            { text: label, slot: labelSlot },
            { text: item, slot: 'body' },
          ]
        : [{ text: item, slot: 'body' }];
    return {
      segments,
      opts: { indent: i === 0 ? 2 * CHAR_W : 2 * CHAR_W + labelW, restIndent: 2 * CHAR_W + labelW + prefixW },
    };
  });
}

function blockFlows(blocks: readonly NumberedBlock[]): Flow[] {
  return blocks.map((b) => {
    if (b.kind === 'paragraph')
      return { segments: [{ text: b.text, slot: 'body' }], opts: { indent: 2 * CHAR_W } };
    const slot: FontSlotName = b.level === 1 ? 'heading1' : b.level === 2 ? 'heading2' : 'body';
    return { segments: [{ text: b.ordinal + b.text, slot }], opts: { indent: 2 * CHAR_W } };
  });
}

function drawSignature(w: Writer, doc: OfficialDocument): void {
  const dateText = formatChineseDate(doc.date);
  const spacing = CHAR_W - BODY_SIZE;
  const dateGlyphs = w.fonts.shape([{ text: dateText, slot: 'body' }], BODY_SIZE, spacing);
  const nameGlyphs = w.fonts.shape([{ text: doc.signatureName, slot: 'body' }], BODY_SIZE, spacing);
  const dateW = Writer.width(dateGlyphs) - spacing;
  const nameW = Writer.width(nameGlyphs) - spacing;
  const right = MARGIN_LEFT + TEXT_W;
  if (doc.seal) {
    // R-DOC-12: date right-indented 4 characters, 署名 centred above it, seal pressing on both with
    // its top within one line of the text above.
    // The seal reaches about one line below the date: the date may use grid line 21 at the latest.
    if (w.line + 5 > LINES_PER_PAGE) w.newPage();
    const base = w.line === 0 ? -1 : w.line - 1;
    const nameLine = base + 3;
    const dateLine = base + 4;
    const dateX = right - 4 * CHAR_W - dateW;
    const centre = dateX + dateW / 2;
    w.drawGlyphs(
      nameGlyphs,
      centre - nameW / 2,
      w.baselineOnLine(nameLine, BODY_SIZE),
      BODY_SIZE,
      spacing,
      0,
    );
    w.drawGlyphs(dateGlyphs, dateX, w.baselineOnLine(dateLine, BODY_SIZE), BODY_SIZE, spacing, 0);
    const R = SEAL_DIAMETER_PT / 2;
    const textMid = (w.lineTop(nameLine) + w.lineTop(dateLine) + BODY_SIZE) / 2;
    const cy = textMid - 8;
    drawSeal(w, doc, centre, cy);
    w.line = dateLine + 1;
    w.reservedBottom = cy + R;
  } else {
    // Unsealed: 署名 right-indented 2 characters one line below the text, date below it moved right
    // 2 characters (or itself right-indented 2 when longer).
    if (w.line + 3 > LINES_PER_PAGE) w.newPage();
    const nameLine = w.line === 0 ? 0 : w.line + 1;
    let nameX = right - 2 * CHAR_W - nameW;
    let dateX = nameX + 2 * CHAR_W;
    if (dateX + dateW > right - 2 * CHAR_W) {
      dateX = right - 2 * CHAR_W - dateW;
      nameX = dateX - 2 * CHAR_W;
    }
    w.drawGlyphs(nameGlyphs, nameX, w.baselineOnLine(nameLine, BODY_SIZE), BODY_SIZE, spacing, 0);
    w.drawGlyphs(dateGlyphs, dateX, w.baselineOnLine(nameLine + 1, BODY_SIZE), BODY_SIZE, spacing, 0);
    w.line = nameLine + 2;
  }
}

function drawSeal(w: Writer, doc: OfficialDocument, cx: number, cy: number): void {
  if (!doc.seal) return;
  const pdf = w.pdf;
  if (doc.seal.image) {
    const d = SEAL_DIAMETER_PT;
    pdf.save();
    pdf.opacity(0.88);
    pdf.image(doc.seal.image, cx - d / 2, cy - d / 2, { width: d, height: d });
    pdf.restore();
    return;
  }
  const g = sealGeometry(doc.seal, openFont(w.fonts.file('title')));
  pdf.save();
  pdf.translate(cx - g.size / 2, cy - g.size / 2);
  pdf.fillOpacity(0.88);
  for (const s of g.shapes) {
    pdf.path(svgPathData(s.cmds)).fill(SEAL_RED, s.rule === 'evenodd' ? 'even-odd' : 'non-zero');
  }
  pdf.restore();
}

/** 版记 (R-DOC-14) at the bottom of the last page, placed per `imprintPlacement`; null when none. */
function drawImprint(w: Writer, doc: OfficialDocument): ImprintPlacement | null {
  const copy = doc.copyTo && doc.copyTo.length > 0 ? doc.copyTo : null;
  const printed = doc.format !== 'letter' ? doc.printedBy : undefined;
  if (!copy && !printed) return null;
  const indent = SMALL_SIZE;
  const width = TEXT_W - 2 * indent;
  const label = '抄送：';
  let copyGlyphs: Glyph[] = [];
  let copyRanges: [number, number][] = [];
  let labelW = 0;
  if (copy) {
    copyGlyphs = w.fonts.shape([{ text: label + copyToText(copy), slot: 'body' }], SMALL_SIZE, 0);
    labelW = Writer.width(w.fonts.shape([{ text: label, slot: 'body' }], SMALL_SIZE, 0));
    copyRanges = breakLines(copyGlyphs, width, width - labelW);
  }
  const rows = copyRanges.length + (printed ? 1 : 0);
  const blockTop = TEXT_BOTTOM - rows * LINE_PITCH;
  const usedBottom = Math.max(w.lineTop(w.line) - (LINE_PITCH - BODY_SIZE), w.reservedBottom);
  const placement = imprintPlacement(doc.format, w.pageCount, usedBottom + 4 <= blockTop);
  if (placement === 'blank') {
    w.newPage();
    w.unnumbered.add(w.pageCount);
  }
  if (placement !== 'same') w.newPage();
  if (placement === 'blank') w.unnumbered.add(w.pageCount);
  const rowBaseline = (r: number): number =>
    blockTop + r * LINE_PITCH + (LINE_PITCH - SMALL_SIZE) / 2 + EM_TOP * SMALL_SIZE;
  const lines = doc.format !== 'letter';
  const x0 = MARGIN_LEFT;
  const x1 = MARGIN_LEFT + TEXT_W;
  if (lines) w.hline(x0, x1, blockTop, 0.35 * MM, '#000000');
  copyRanges.forEach(([a, b], i) => {
    const line = copyGlyphs.slice(a, b);
    const ind = i === 0 ? indent : indent + labelW;
    const lw = Writer.width(line);
    const avail = (i === 0 ? width : width - labelW) - lw;
    const extra = i < copyRanges.length - 1 && line.length > 1 && avail > 0 ? avail / (line.length - 1) : 0;
    w.drawGlyphs(line, MARGIN_LEFT + ind, rowBaseline(i), SMALL_SIZE, 0, extra);
  });
  if (printed) {
    const r = copyRanges.length;
    if (r > 0) w.hline(x0, x1, blockTop + r * LINE_PITCH, 0.25 * MM, '#000000');
    const top = rowBaseline(r) - EM_TOP * SMALL_SIZE;
    w.absolute([{ text: printed.unit, slot: 'body' }], top, SMALL_SIZE, { left: MARGIN_LEFT + indent });
    w.absolute([{ text: `${formatChineseDate(printed.date)}印发`, slot: 'body' }], top, SMALL_SIZE, {
      right: MARGIN_LEFT + TEXT_W - indent,
    });
  }
  if (lines) w.hline(x0, x1, TEXT_BOTTOM, 0.35 * MM, '#000000');
  w.line = LINES_PER_PAGE;
  return placement;
}

/** R-DOC-15: '— N —', 14 pt, 7 mm below the 版心, odd pages right and even pages left (indent 1). */
function drawPageNumbers(w: Writer, doc: OfficialDocument): void {
  const range = w.pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    const n = i + 1;
    if ((doc.format === 'letter' && n === 1) || w.unnumbered.has(n)) continue;
    w.pdf.switchToPage(i);
    const top = TEXT_BOTTOM + 7 * MM;
    const text = `— ${n} —`;
    const place =
      n % 2 === 1 ? { right: MARGIN_LEFT + TEXT_W - SMALL_SIZE } : { left: MARGIN_LEFT + SMALL_SIZE };
    w.absolute([{ text, slot: 'body' }], top, SMALL_SIZE, place);
  }
}

function drawFooterLabel(w: Writer, doc: OfficialDocument): void {
  if (!doc.footerLabel) return;
  const range = w.pdf.bufferedPageRange();
  w.pdf.switchToPage(range.start + range.count - 1);
  w.absolute([{ text: doc.footerLabel, slot: 'body', color: '#555555' }], PAGE_H - 12 * MM, 9, {
    center: true,
  });
}

/** Renders the document to PDF bytes (deterministic for the same document and fonts). */
export async function renderPdf(doc: OfficialDocument, fonts: DocumentFonts): Promise<Buffer> {
  return (await layoutPdf(doc, fonts)).bytes;
}

/** The PDF bytes and where its 版记 went, which the DOCX follows. */
export async function layoutPdf(
  doc: OfficialDocument,
  fonts: DocumentFonts,
): Promise<{ bytes: Buffer; imprint: ImprintPlacement | null; pages: number }> {
  assertValidDocument(doc);
  const w = new Writer(doc, fonts);
  drawHeader(w, doc);
  drawTitle(w, doc);
  const flows: Flow[] = [{ blank: true }];
  if (doc.addressee)
    flows.push({ segments: [{ text: addresseeLine(doc.addressee), slot: 'body' }], opts: {} });
  flows.push(...blockFlows(numberBlocks(doc.blocks)));
  if (doc.attachments && doc.attachments.length > 0) {
    flows.push(
      { blank: true },
      ...labelledList(w, '附件：', 'body', attachmentItems(doc.attachments), false),
    );
  }
  if (doc.format === 'minutes' && doc.minutes) {
    flows.push({ blank: true }, ...labelledList(w, '出席：', 'heading1', doc.minutes.present, true));
    if (doc.minutes.absent?.length)
      flows.push(...labelledList(w, '请假：', 'heading1', doc.minutes.absent, true));
    if (doc.minutes.attending?.length) {
      flows.push(...labelledList(w, '列席：', 'heading1', doc.minutes.attending, true));
    }
  }
  // The signature block (and seal) must not open a page on its own: the last lines go with it.
  const signatureLines = doc.seal ? 5 : 3;
  const lastText = flows.findLastIndex((f) => !f.blank);
  flows.forEach((f, i) => {
    if (f.blank) {
      if (w.line > 0 && w.line < LINES_PER_PAGE) w.line++;
    } else {
      w.paragraph(f.segments, i === lastText ? { ...f.opts, keepTail: signatureLines } : f.opts);
    }
  });
  drawSignature(w, doc);
  if (doc.note) w.paragraph([{ text: noteLine(doc.note), slot: 'body' }], { indent: 2 * CHAR_W });
  const imprint = drawImprint(w, doc);
  drawPageNumbers(w, doc);
  drawFooterLabel(w, doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    w.pdf.on('data', (c: Buffer) => chunks.push(c));
    w.pdf.on('end', () => resolve(Buffer.concat(chunks)));
    w.pdf.on('error', reject);
  });
  w.pdf.end();
  return { bytes: await done, imprint, pages: w.pageCount };
}
