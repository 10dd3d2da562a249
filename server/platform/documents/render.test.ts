// Layout and content checks on rendered PDF/DOCX (poppler-utils reads the PDF back).

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from './docx.ts';
import { type DocumentFonts, defaultFonts, missingGlyphs, undrawableGlyphs } from './fonts.ts';
import type { OfficialDocument } from './model.ts';
import { renderPdf } from './pdf.ts';
import { renderDocument } from './render.ts';
import {
  docxContent,
  mmOf,
  type PdfWord,
  pdfPageSize,
  pdfPages,
  pdfToPng,
  pdfWords,
  sampleDocument,
  squash,
} from './test-helpers.ts';

// GB/T 9704 numbers, stated here independently of pdf.ts's constants.
const PT_PER_MM = 72 / 25.4;
const MARGIN_TOP = 37 * PT_PER_MM;
const MARGIN_LEFT = 28 * PT_PER_MM;
const TEXT_W = 156 * PT_PER_MM;
const TEXT_BOTTOM = (37 + 225) * PT_PER_MM;
const CHAR_W = TEXT_W / 28;
const LINE_PITCH = 28.9;

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/documents');

// Noto CJK (serif and sans) vertical metrics: hhea ascent 1.151 em, descent 0.286 em; poppler's word
// boxes span ascent..descent. The ideographic em box runs from 0.88 em above the baseline to 0.12 below.
const ASC = 1.151;
const DESC = 0.286;
const sizeOf = (w: PdfWord): number => (w.yMax - w.yMin) / (ASC + DESC);
const emTop = (w: PdfWord): number => w.yMax - DESC * sizeOf(w) - 0.88 * sizeOf(w);

let fonts: DocumentFonts;
let doc: OfficialDocument;
let pdf: Buffer;
let words: PdfWord[];
let pages: string[];

beforeAll(async () => {
  fonts = defaultFonts();
  doc = sampleDocument();
  pdf = await renderPdf(doc, fonts);
  words = pdfWords(pdf);
  pages = pdfPages(pdf);
  pdfToPng(pdf, path.join(ARTIFACTS, 'sample-standard-p1'), 1);
  pdfToPng(pdf, path.join(ARTIFACTS, 'sample-standard-p2'), 2);
  pdfToPng(pdf, path.join(ARTIFACTS, `sample-standard-p${pages.length}`), pages.length);
});

describe('PDF layout (GB/T 9704)', () => {
  it('is A4 with several pages', () => {
    const s = pdfPageSize(pdf);
    expect(s.width).toBeCloseTo(595.28, 1);
    expect(s.height).toBeCloseTo(841.89, 1);
    expect(s.pages).toBeGreaterThanOrEqual(2);
  });

  it('starts a continuation page at 天头 37 mm and 订口 28 mm, 22 lines at 28.95 pt', () => {
    const body = words.filter((w) => w.page === 2 && Math.abs(sizeOf(w) - 16) < 0.5);
    const first = body[0]!;
    expect(mmOf(emTop(first))).toBeGreaterThan(36);
    expect(mmOf(emTop(first))).toBeLessThan(38);
    const lefts = body.filter((w) => !/^[（一二三四五六七八九十]/u.test(w.text)).map((w) => w.xMin);
    expect(mmOf(Math.min(...lefts))).toBeCloseTo(28, 0);
    const tops = [...new Set(body.map((w) => Math.round(emTop(w) * 100) / 100))].sort((a, b) => a - b);
    expect(tops.length).toBe(22);
    for (let i = 1; i < tops.length; i++) {
      expect(Math.abs(tops[i]! - tops[i - 1]! - 28.9)).toBeLessThan(0.5);
    }
    // The 22nd line's em box ends inside the 225 mm 版心.
    expect(tops.at(-1)! + 16).toBeLessThanOrEqual(MARGIN_TOP + 225 * (72 / 25.4) + 0.5);
  });

  it('puts 28 characters on a full 156 mm line and indents paragraphs by 2 characters', () => {
    const full = words.filter((w) => /^[审批服务协同平台统一受理并联办理限时办结]{28}$/u.test(w.text));
    expect(full.length).toBeGreaterThan(5);
    for (const w of full) {
      expect(mmOf(w.xMin - MARGIN_LEFT)).toBeCloseTo(0, 0);
      expect(Math.abs(mmOf(w.xMax - w.xMin) - 156)).toBeLessThan(1);
    }
    const opening = words.find((w) => w.text.startsWith('为深化工程建设项目'))!;
    expect(opening.xMin - MARGIN_LEFT).toBeCloseTo(2 * CHAR_W, 0);
    expect([...opening.text].length).toBe(26);
  });

  it('places the red head per R-DOC-5/7: mark 35 mm below the 版心 top, centred', () => {
    const mark = words.find((w) => w.page === 1 && w.text === doc.issuerMark)!;
    expect(mark).toBeDefined();
    expect(Math.abs(mmOf(emTop(mark) - MARGIN_TOP) - 35)).toBeLessThan(1);
    const centre = (mark.xMin + mark.xMax) / 2;
    expect(Math.abs(centre - (MARGIN_LEFT + TEXT_W / 2))).toBeLessThan(2);
    const number = words.find((w) => w.page === 1 && w.text === doc.number)!;
    expect(Math.abs((number.xMin + number.xMax) / 2 - (MARGIN_LEFT + TEXT_W / 2))).toBeLessThan(2);
    expect(number.yMin).toBeGreaterThan(mark.yMax);
  });

  it('centres the 22 pt title and puts page numbers 7 mm below the 版心, odd right, even left', () => {
    const title = words.filter((w) => w.page === 1 && Math.abs(sizeOf(w) - 22) < 0.5);
    expect(squash(title.map((w) => w.text).join(''))).toBe(squash(doc.title));
    for (const t of title)
      expect(Math.abs((t.xMin + t.xMax) / 2 - (MARGIN_LEFT + TEXT_W / 2))).toBeLessThan(2);
    const num = (page: number) =>
      words.find((w) => w.page === page && w.text === String(page) && emTop(w) > TEXT_BOTTOM)!;
    const p1 = num(1);
    const p2 = num(2);
    expect(Math.abs(mmOf(emTop(p1) - TEXT_BOTTOM) - 7)).toBeLessThan(1.5);
    expect(p1.xMin).toBeGreaterThan(MARGIN_LEFT + TEXT_W / 2);
    expect(p2.xMax).toBeLessThan(MARGIN_LEFT + TEXT_W / 2);
    expect(pages[0]).toMatch(/— 1 —/u);
  });

  it('contains the texts: title, number, body, date, 抄送, 印发, label', () => {
    const all = squash(pages.join(''));
    for (const s of [
      doc.title,
      '南审协〔2026〕12号',
      '区发改局，区住建局，区自然资源和规划分局：',
      '一、工作目标',
      '（一）明确职责分工',
      '1.各部门在收到征询函之日起3个工作日内书面回复意见。',
      '附件：1.南湖区工程建设项目审批服务协同工作规则',
      '2.各部门联络员名单',
      '2026年9月18日',
      '（联系人：张三，联系电话：0573-82000000）',
      '抄送：区委办公室，区人大常委会办公室，区政府办公室。',
      '嘉兴市南湖区行政审批局办公室',
      '2026年9月18日印发',
      '平台校验签名，非法定电子印章',
    ]) {
      expect(all).toContain(squash(s));
    }
    expect(all).not.toContain('2026年09月18日');
  });

  it('puts the 版记 on the last page with its last line at the 版心 bottom', () => {
    const last = pages.length;
    const printed = words.find((w) => w.page === last && w.text.includes('印发'))!;
    expect(printed).toBeDefined();
    expect(TEXT_BOTTOM - printed.yMax).toBeGreaterThan(0);
    expect(TEXT_BOTTOM - printed.yMax).toBeLessThan(LINE_PITCH);
    const copy = words.find((w) => w.page === last && w.text.startsWith('抄送'))!;
    expect(copy.yMax).toBeLessThan(printed.yMin);
  });

  it('keeps the 署名 and date together with body text on the last page (no orphan signature page)', () => {
    const lastPage = pages.at(-1)!;
    expect(lastPage).toContain('嘉兴市南湖区行政审批局');
    const date = words.find((w) => w.text === '2026年9月18日')!;
    const before = words.filter((w) => w.page === date.page && w.yMax < date.yMin && sizeOf(w) > 15);
    expect(before.length).toBeGreaterThan(1);
    // R-DOC-12: the date ends 4 characters from the right edge of the 版心.
    expect((MARGIN_LEFT + TEXT_W - date.xMax) / CHAR_W).toBeCloseTo(4, 0);
  });

  it('is deterministic: the same document gives the same bytes', async () => {
    const again = await renderPdf(doc, fonts);
    expect(again.equals(pdf)).toBe(true);
    const changed = await renderPdf({ ...doc, title: `${doc.title}（修订）` }, fonts);
    expect(changed.equals(pdf)).toBe(false);
  });

  it('rejects an invalid document before rendering', async () => {
    await expect(renderPdf({ ...doc, number: '南审协（2026）12号' }, fonts)).rejects.toThrow(
      /发文字号格式不正确/,
    );
    await expect(renderPdf({ ...doc, format: 'letter', urgency: '特急' }, fonts)).rejects.toThrow(
      /紧急程度只用于文件格式/,
    );
  });

  it('prints 紧急程度 in 黑体 at the top left of the 版心 and keeps the mark 35 mm down (GB/T 9704 §7.2.3)', async () => {
    const urgent = pdfWords(await renderPdf({ ...doc, urgency: '特急' }, fonts));
    const u = urgent.find((w) => w.page === 1 && w.text === '特急')!;
    expect(u).toBeDefined();
    expect(Math.abs(u.xMin - MARGIN_LEFT)).toBeLessThan(1);
    expect(Math.abs(emTop(u) - MARGIN_TOP)).toBeLessThan(1.5);
    expect(Math.abs(sizeOf(u) - 16)).toBeLessThan(0.5);
    const mark = urgent.find((w) => w.page === 1 && w.text === doc.issuerMark)!;
    expect(Math.abs(mmOf(emTop(mark) - MARGIN_TOP) - 35)).toBeLessThan(1);
    expect(words.some((w) => w.text === '特急')).toBe(false);
  });
});

describe('DOCX', () => {
  it('has the same strings, A4 margins, 16 pt body, exact 28.95 pt lines and the seal image', async () => {
    const docx = await renderDocx(doc, fonts);
    const { xml, text, files } = await docxContent(docx);
    const all = squash(text);
    for (const s of [
      doc.issuerMark,
      doc.title,
      '南审协〔2026〕12号',
      '一、工作目标',
      '（一）明确职责分工',
      '2026年9月18日',
      '抄送：',
      '区委办公室，区人大常委会办公室，区政府办公室。',
      '2026年9月18日印发',
      '平台校验签名，非法定电子印章',
    ]) {
      expect(all).toContain(squash(s));
    }
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-8\d\d"\/>/);
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:firstLineChars="200"');
    expect(xml).toContain('<w:color w:val="E60012"/>');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="E60012"/);
    expect(files.some((f) => f.endsWith('.svg'))).toBe(true);
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    const footers = (
      await Promise.all(
        files
          .filter((f) => /word\/footer\d+\.xml/.test(f))
          .map(async (f) =>
            (await import('jszip')).default.loadAsync(docx).then((z) => z.file(f)!.async('string')),
          ),
      )
    ).join('');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('— ');
  });

  it('puts 紧急程度 before the mark, whose distance from the 版心 top stays 35 mm', async () => {
    const { xml, text } = await docxContent(await renderDocx({ ...doc, urgency: '加急' }, fonts));
    expect(squash(text).indexOf('加急')).toBeLessThan(squash(text).indexOf(squash(doc.issuerMark)));
    // 35 mm = 1984 twips; the urgency line (579) takes its share.
    expect(xml).toContain(`w:before="${1984 - 579}"`);
  });
});

describe('fonts', () => {
  it('default fonts cover rare characters and 六角括号 in every slot', () => {
    for (const slot of ['title', 'body', 'heading1', 'heading2'] as const) {
      expect(missingGlyphs('䶮㛃龘〔〕审批——“”《》', fonts[slot])).toEqual([]);
    }
    expect(missingGlyphs('a😀b', fonts.body)).toEqual(['😀']);
  });
  it('falls back to @embedpdf/fonts-sc without Debian fonts, still covering 䶮㛃龘', () => {
    const npm = defaultFonts('/nonexistent');
    expect(npm.body.path).toMatch(/fonts-sc\/fonts\/NotoSansHans-Regular\.otf$/);
    expect(npm.title.path).toMatch(/NotoSansHans-Bold\.otf$/);
    expect(missingGlyphs('䶮㛃龘〔〕', npm.body)).toEqual([]);
  });
});

describe('hostile input', () => {
  const title = `关于<script>alert(1)</script>{{ title }}的通知😀🫠䶮㛃龘${'审'.repeat(300 - 46)}`;
  it('prints markup, placeholders, rare characters and 300 characters as plain text', async () => {
    expect([...title].length).toBe(300);
    const hostile = sampleDocument({
      title,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
      addressee: '${process.env.HOME}',
      blocks: [{ kind: 'paragraph', text: `<b>粗体</b>{{ 7*7 }}&amp;${title}` }],
    });
    // The CJK fonts lack both emoji; DejaVu Sans (a fallback) draws 😀, no installed font has 🫠.
    expect(missingGlyphs(title, fonts.title)).toEqual(['😀', '🫠']);
    expect(undrawableGlyphs(title, fonts.title, fonts)).toEqual(['🫠']);
    const [p, d] = await Promise.all([renderPdf(hostile, fonts), renderDocx(hostile, fonts)]);
    const text = squash(pdfPages(p).join('')).split('\u0000').join('');
    // 🫠 has no glyph in any installed font: it is reported above and is absent from the text.
    const printable = squash(title.replace('🫠', ''));
    expect(text).toContain(printable);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
    expect(text).toContain(squash('${process.env.HOME}：'));
    expect(text).toContain(squash(`<b>粗体</b>{{ 7*7 }}&amp;`));
    expect(text).not.toContain('49');
    const { text: dtext, xml } = await docxContent(d);
    expect(squash(dtext)).toContain(squash(title));
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('版记 on the last, even page (R-DOC-14/15)', () => {
  // The long paragraph's length moves where the text ends: on page 2 with room for the 版记, on page
  // 2 without room, or on page 3.
  const ending = (repeats: number) => {
    const base = sampleDocument();
    const blocks = base.blocks.map((b, i) =>
      i === 4
        ? { kind: 'paragraph' as const, text: '审批服务协同平台统一受理并联办理限时办结'.repeat(repeats) }
        : b,
    );
    return { ...base, blocks };
  };
  const pageNumberOn = (ws: PdfWord[], page: number) =>
    ws.some((w) => w.page === page && /^\d+$/.test(w.text) && emTop(w) > TEXT_BOTTOM);

  it.each([
    // repeats, placement, pages, page holding the 版记, pages without a number
    [6, 'same', 2, [] as number[]],
    [18, 'blank', 4, [3, 4]],
    [31, 'next', 4, []],
  ] as const)(
    'text of %i × 20 characters → %s, %i pages',
    async (repeats, placement, pageCount, unnumbered) => {
      const d = ending(repeats);
      const r = await renderDocument(d, fonts);
      expect(r.imprint).toBe(placement);
      const ws = pdfWords(r.pdf);
      const texts = pdfPages(r.pdf);
      expect(texts).toHaveLength(pageCount);
      // The 版记 is on the last page, an even one, its last line on the last line of the 版心.
      const printed = ws.find((w) => w.text.endsWith('日印发'))!;
      expect(printed.page).toBe(pageCount);
      expect(TEXT_BOTTOM - printed.yMax).toBeGreaterThan(0);
      expect(TEXT_BOTTOM - printed.yMax).toBeLessThan(LINE_PITCH);
      const signature = ws.find((w) => w.text === '2026年9月18日')!;
      if (placement === 'same') expect(signature.page).toBe(pageCount);
      else expect(signature.page).toBeLessThan(pageCount);
      if (placement === 'blank') expect(squash(texts[pageCount - 2]!)).toBe('');
      for (let page = 2; page <= pageCount; page++) {
        expect(pageNumberOn(ws, page), `page ${page}`).toBe(
          !(unnumbered as readonly number[]).includes(page),
        );
      }
      pdfToPng(r.pdf, path.join(ARTIFACTS, `imprint-${placement}-p${pageCount}`), pageCount);

      // The DOCX pins the 版记 to the bottom of the text area (a frame) on the same page.
      const { xml } = await docxContent(r.docx);
      const frames = xml.match(/<w:framePr [^>]*\/>/g) ?? [];
      expect(frames).toHaveLength(2); // 抄送 and 印发, one frame
      for (const f of frames) {
        expect(f).toContain('w:vAnchor="margin"');
        expect(f).toContain('w:yAlign="bottom"');
      }
      const pageBreaks = xml.match(/<w:br w:type="page"\/>/g)?.length ?? 0;
      expect(pageBreaks).toBe(placement === 'same' ? 0 : 1);
      const sections = xml.match(/<w:sectPr/g)?.length ?? 0;
      expect(sections).toBe(placement === 'blank' ? 2 : 1);
      if (placement === 'blank') expect(xml).toMatch(/<w:type w:val="nextPage"\/>/);
    },
  );
});
