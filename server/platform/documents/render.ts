import { renderDocx } from './docx.ts';
import type { DocumentFonts } from './fonts.ts';
import type { OfficialDocument } from './model.ts';
import { layoutPdf } from './pdf.ts';

/** PDF and DOCX of one document; the DOCX puts its 版记 on the page the PDF layout chose. */
export async function renderDocument(doc: OfficialDocument, fonts: DocumentFonts) {
  const pdf = await layoutPdf(doc, fonts);
  const docx = await renderDocx(doc, fonts, pdf.imprint ?? 'same');
  return { pdf: pdf.bytes, docx, pages: pdf.pages, imprint: pdf.imprint };
}
