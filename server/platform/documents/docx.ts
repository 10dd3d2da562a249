// DOCX rendering of an OfficialDocument (GB/T 9704 layout, same content and order as pdf.ts).
//
// A4, margins top 37 / bottom 35 / left 28 / right 26 mm (版心 156 × 225 mm), document grid
// 'linesAndChars' with 22 lines × 28 characters (linePitch 579 twips = 28.95 pt), body 三号 (16 pt)
// with exact 28.95 pt line spacing, first-line indent 2 characters. Fonts are named, not embedded
// (DocumentFonts[slot].docx); the reader's machine supplies them.
//
// Seal: an SVG image (vector, the same geometry as the PDF seal) with a PNG fallback rasterised by
// seal.ts, floating in front of the text over the 署名 and date. The 版记 is a frame aligned to the
// bottom of the text area, on the page the PDF chose (`ImprintPlacement`). The 信函格式 head (mark +
// upper red double line) is the first page's header and the lower double line the top border of the
// first page's footer.

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HorizontalPositionAlign,
  HorizontalPositionRelativeFrom,
  ImageRun,
  type IParagraphOptions,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  SectionType,
  Tab,
  TabStopType,
  TextRun,
  TextWrappingType,
  VerticalPositionAlign,
  VerticalPositionRelativeFrom,
} from 'docx';
import type { DocumentFonts, DocxFontNames, FontSlotName } from './fonts.ts';
import { openFont } from './fonts.ts';
import {
  addresseeLine,
  assertValidDocument,
  attachmentItems,
  copyToText,
  formatChineseDate,
  type ImprintPlacement,
  noteLine,
  numberBlocks,
  type OfficialDocument,
} from './model.ts';
import { SEAL_DIAMETER_PT, sealGeometry, sealPng, sealSvg } from './seal.ts';

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number): number => Math.round(v * TWIP_PER_MM);
const pt = (v: number): number => Math.round(v * 20);
const EMU_PER_PT = 12700;

export const DOCX_PAGE = { width: 11906, height: 16838 };
export const DOCX_MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** 28.95 pt in twips. */
export const DOCX_LINE = 579;
/** One character (156 mm / 28) in twips. */
const CHAR = (156 * TWIP_PER_MM) / 28;
const RED = 'E60012';
const BODY_HALF_POINTS = 32;

const exact = { line: DOCX_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function names(n: DocxFontNames): { eastAsia: string; ascii: string; hAnsi: string; cs: string } {
  return { eastAsia: n.eastAsia, ascii: n.ascii, hAnsi: n.ascii, cs: n.ascii };
}

/** Rough width of a text in characters (CJK = 1, ASCII = 0.5), for the 署名/date geometry. */
function charUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) <= 0xff ? 0.5 : 1;
  return n;
}

function markHalfPoints(mark: string): number {
  const n = [...mark].length;
  return Math.round(2 * Math.min(36, (156 * (72 / 25.4) * 0.96) / Math.max(1, n)));
}

/** Renders the document to DOCX bytes. */
export async function renderDocx(
  doc: OfficialDocument,
  fonts: DocumentFonts,
  /** Where the PDF put the 版记 (`layoutPdf`), so both formats end on the same page. */
  imprintAt: ImprintPlacement = 'same',
): Promise<Buffer> {
  assertValidDocument(doc);
  const font = (slot: FontSlotName) => names(fonts[slot].docx);
  const run = (text: string, slot: FontSlotName, extra: { size?: number; color?: string } = {}): TextRun =>
    new TextRun({ text, font: font(slot), size: extra.size ?? BODY_HALF_POINTS, color: extra.color });
  const para = (children: ParagraphChild[], opts: Omit<IParagraphOptions, 'children'> = {}): Paragraph =>
    new Paragraph({ spacing: exact, alignment: AlignmentType.BOTH, ...opts, children });
  const blank = (): Paragraph => para([]);
  const out: Paragraph[] = [];

  // 版头.
  const markRun = run(doc.issuerMark, 'title', { size: markHalfPoints(doc.issuerMark), color: RED });
  const letterHead: Paragraph[] = [];
  if (doc.format === 'letter') {
    // R-DOC-16: the mark sits in the first page's header, 30 mm from the page top (above the 版心),
    // with the red double line (thick over thin) 4 mm below it, 170 mm long (7 mm beyond each side
    // of the 版心); the 发文字号 follows flush right.
    letterHead.push(
      para([markRun], {
        alignment: AlignmentType.CENTER,
        spacing: {
          before: 0,
          after: 0,
          line: pt(markHalfPoints(doc.issuerMark) / 2 + 2),
          lineRule: LineRuleType.EXACT,
        },
        indent: { left: -mm(7), right: -mm(7) },
        border: { bottom: { style: BorderStyle.THICK_THIN_MEDIUM_GAP, color: RED, size: 24, space: 11 } },
      }),
    );
    if (doc.number) {
      out.push(
        para([run(doc.number, 'body')], {
          alignment: AlignmentType.RIGHT,
          spacing: { ...exact, before: pt(14) },
        }),
      );
    }
    out.push(blank(), blank());
  } else {
    // 紧急程度 on the first line of the 版心, flush left; the mark keeps its 35 mm from the 版心 top.
    if (doc.urgency) out.push(para([run(doc.urgency, 'heading1')], { alignment: AlignmentType.LEFT }));
    out.push(
      para([markRun], {
        alignment: AlignmentType.CENTER,
        spacing: {
          before: mm(35) - (doc.urgency ? DOCX_LINE : 0),
          after: 0,
          line: pt(markHalfPoints(doc.issuerMark) / 2 + 6),
          lineRule: LineRuleType.EXACT,
        },
      }),
      blank(),
      blank(),
    );
    const redLine = { bottom: { style: BorderStyle.SINGLE, color: RED, size: 12, space: 11 } };
    if (doc.number && doc.signer) {
      out.push(
        para(
          [
            run(doc.number, 'body'),
            new TextRun({ children: [new Tab()] }),
            run('签发人：', 'body'),
            run(doc.signer, 'heading2'),
          ],
          {
            alignment: AlignmentType.LEFT,
            indent: { left: Math.round(CHAR), right: Math.round(CHAR) },
            tabStops: [{ type: TabStopType.RIGHT, position: Math.round(CHAR * 27) }],
            border: redLine,
          },
        ),
      );
    } else {
      out.push(
        para(doc.number ? [run(doc.number, 'body')] : [], {
          alignment: AlignmentType.CENTER,
          border: redLine,
        }),
      );
    }
    out.push(blank(), blank());
  }

  // Title (22 pt, centred) and 主送机关.
  out.push(para([run(doc.title, 'title', { size: 44 })], { alignment: AlignmentType.CENTER }), blank());
  if (doc.addressee) out.push(para([run(addresseeLine(doc.addressee), 'body')]));

  // Body.
  for (const b of numberBlocks(doc.blocks)) {
    if (b.kind === 'paragraph') {
      out.push(
        para([run(b.text, 'body')], { indent: { firstLine: Math.round(2 * CHAR), firstLineChars: 200 } }),
      );
    } else {
      const slot: FontSlotName = b.level === 1 ? 'heading1' : b.level === 2 ? 'heading2' : 'body';
      out.push(
        para([run(b.ordinal + b.text, slot)], {
          indent: { firstLine: Math.round(2 * CHAR), firstLineChars: 200 },
        }),
      );
    }
  }
  if (doc.attachments && doc.attachments.length > 0) {
    out.push(blank());
    attachmentItems(doc.attachments).forEach((item, i) => {
      const children = i === 0 ? [run('附件：', 'body'), run(item, 'body')] : [run(item, 'body')];
      out.push(
        para(children, {
          indent:
            i === 0
              ? { left: Math.round(5 * CHAR), hanging: Math.round(3 * CHAR) }
              : { left: Math.round(5 * CHAR) },
        }),
      );
    });
  }
  if (doc.format === 'minutes' && doc.minutes) {
    out.push(blank());
    const lists: [string, string[] | undefined][] = [
      ['出席：', doc.minutes.present],
      ['请假：', doc.minutes.absent],
      ['列席：', doc.minutes.attending],
    ];
    for (const [label, items] of lists) {
      if (!items || items.length === 0) continue;
      out.push(
        para([run(label, 'heading1'), run(items.join('、'), 'body')], {
          indent: { left: Math.round(5 * CHAR), hanging: Math.round(3 * CHAR) },
        }),
      );
    }
  }

  // 署名, 成文日期, seal (R-DOC-12).
  const dateText = formatChineseDate(doc.date);
  const dateW = charUnits(dateText);
  const nameW = charUnits(doc.signatureName);
  if (doc.seal) {
    const nameRight = Math.max(0, 4 + (dateW - nameW) / 2);
    const g = sealGeometry(doc.seal, openFont(fonts.title));
    const size = Math.round((SEAL_DIAMETER_PT * 96) / 72);
    // Seal centre: the middle of the date horizontally, 8 pt above the middle of 署名 + date.
    const centreFromRight = (4 + dateW / 2) * (CHAR / 20);
    const textWidthPt = (156 * 72) / 25.4;
    const R = SEAL_DIAMETER_PT / 2;
    const sealImage = new ImageRun({
      // An uploaded seal image is used as it is; otherwise the generated vector seal.
      ...(doc.seal.image
        ? { type: 'png' as const, data: doc.seal.image }
        : {
            type: 'svg' as const,
            data: Buffer.from(sealSvg(g)),
            fallback: { type: 'png' as const, data: sealPng(g, 300) },
          }),
      transformation: { width: size, height: size },
      altText: {
        name: '印章',
        description: `${doc.seal.unitName}${doc.seal.name}（示意，非法定电子印章）`,
        title: '印章',
      },
      floating: {
        horizontalPosition: {
          relative: HorizontalPositionRelativeFrom.MARGIN,
          offset: Math.round((textWidthPt - centreFromRight - R) * EMU_PER_PT),
        },
        verticalPosition: {
          relative: VerticalPositionRelativeFrom.PARAGRAPH,
          offset: Math.round(((28.95 + 16) / 2 - 8 - R) * EMU_PER_PT),
        },
        allowOverlap: true,
        behindDocument: false,
        wrap: { type: TextWrappingType.NONE },
      },
    });
    out.push(
      blank(),
      blank(),
      para([sealImage, run(doc.signatureName, 'body')], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(nameRight * CHAR) },
      }),
      para([run(dateText, 'body')], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(4 * CHAR) },
      }),
    );
  } else {
    let nameRight = 2;
    let dateRight = 2 + nameW - 2 - dateW;
    if (dateRight < 2) {
      dateRight = 2;
      nameRight = dateRight + dateW + 2 - nameW;
    }
    out.push(
      blank(),
      para([run(doc.signatureName, 'body')], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(nameRight * CHAR) },
      }),
      para([run(dateText, 'body')], {
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(dateRight * CHAR) },
      }),
    );
  }
  if (doc.note)
    out.push(
      para([run(noteLine(doc.note), 'body')], {
        indent: { firstLine: Math.round(2 * CHAR), firstLineChars: 200 },
      }),
    );

  // 版记 (R-DOC-14): 4号 (14 pt), thick first/last lines, thin middle line; none in 信函格式. A frame
  // aligned to the bottom of the page's text area, so it stays pinned there when the text is edited;
  // the page it lands on follows the PDF's placement (an even page for double-sided 公文).
  const imprint = ((): Paragraph[] | null => {
    const copy = doc.copyTo && doc.copyTo.length > 0 ? doc.copyTo : null;
    const printed = doc.format !== 'letter' ? doc.printedBy : undefined;
    if (!copy && !printed) return null;
    const lines = doc.format !== 'letter';
    const thick = { style: BorderStyle.SINGLE, color: '000000', size: 8, space: 1 };
    const thin = { style: BorderStyle.SINGLE, color: '000000', size: 6, space: 1 };
    const width = Math.round(156 * TWIP_PER_MM);
    // Paragraphs with the same frame form one frame, aligned to the bottom of the text area.
    const frame = {
      type: 'alignment' as const,
      alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
      anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
      width,
      wrap: FrameWrap.NOT_BESIDE,
    };
    const out: Paragraph[] = [];
    if (copy) {
      out.push(
        para([run('抄送：', 'body', { size: 28 }), run(copyToText(copy), 'body', { size: 28 })], {
          frame,
          indent: { left: pt(14), right: pt(14), hanging: 0 },
          border: lines ? { top: thick, bottom: printed ? thin : thick } : undefined,
        }),
      );
    }
    if (printed) {
      out.push(
        para(
          [
            run(printed.unit, 'body', { size: 28 }),
            new TextRun({ children: [new Tab()] }),
            run(`${formatChineseDate(printed.date)}印发`, 'body', { size: 28 }),
          ],
          {
            frame,
            alignment: AlignmentType.LEFT,
            indent: { left: pt(14), right: pt(14) },
            tabStops: [{ type: TabStopType.RIGHT, position: width - 2 * pt(14) }],
            border: { top: copy ? undefined : thick, bottom: thick },
          },
        ),
      );
    }
    return out;
  })();
  const tail: Paragraph[] = [];
  if (imprint) {
    if (imprintAt !== 'same') tail.push(new Paragraph({ children: [new PageBreak()] }));
    tail.push(...imprint);
  }
  if (doc.footerLabel) {
    tail.push(
      para([run(doc.footerLabel, 'body', { size: 18, color: '555555' })], {
        alignment: AlignmentType.CENTER,
        spacing: { before: pt(12), after: 0 },
      }),
    );
  }

  // Page numbers (R-DOC-15): '— N —', 14 pt, odd right / even left, indented one character.
  const pageNumber = (alignment: 'left' | 'right'): Paragraph =>
    new Paragraph({
      alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: alignment === 'right' ? { right: pt(14) } : { left: pt(14) },
      children: [
        new TextRun({
          children: ['— ', PageNumber.CURRENT, ' —'],
          font: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' },
          size: 28,
        }),
      ],
    });
  const letterFirstFooter = new Footer({
    children: [
      new Paragraph({
        indent: { left: -mm(7), right: -mm(7) },
        border: { top: { style: BorderStyle.THIN_THICK_MEDIUM_GAP, color: RED, size: 24, space: 1 } },
        children: [],
      }),
    ],
  });

  const pageSetup = {
    page: {
      size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height },
      margin: {
        ...DOCX_MARGIN,
        header: doc.format === 'letter' ? mm(30) : mm(15),
        // Page-number text top 7 mm below the 版心: 35 − 7 − 5 (14 pt line) ≈ 23 mm from the edge.
        footer: mm(23),
        gutter: 0,
      },
    },
    grid: {
      type: DocumentGridType.LINES_AND_CHARS,
      linePitch: DOCX_LINE,
      charSpace: Math.round(((156 * 72) / 25.4 / 28 - 16) * 4096),
    },
  };

  const document = new Document({
    creator: 'xietong',
    title: doc.title,
    description: doc.footerLabel ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: BODY_HALF_POINTS },
          paragraph: { spacing: exact },
        },
      },
    },
    sections: [
      {
        properties: {
          ...pageSetup,
          titlePage: doc.format === 'letter',
        },
        ...(doc.format === 'letter' ? { headers: { first: new Header({ children: letterHead }) } } : {}),
        footers: {
          default: new Footer({ children: [pageNumber('right')] }),
          even: new Footer({ children: [pageNumber('left')] }),
          ...(doc.format === 'letter' ? { first: letterFirstFooter } : {}),
        },
        children: imprintAt === 'blank' ? out : [...out, ...tail],
      },
      // R-DOC-15: a blank page before the 版记 page, and that page, carry no number.
      ...(imprintAt === 'blank'
        ? [
            {
              properties: { ...pageSetup, type: SectionType.NEXT_PAGE },
              footers: { default: new Footer({ children: [] }), even: new Footer({ children: [] }) },
              children: tail,
            },
          ]
        : []),
    ],
  });
  return Packer.toBuffer(document);
}
