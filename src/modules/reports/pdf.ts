import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../../paths.ts';
import { birthDayText, type DocTable, type ReportDocument } from './document.ts';

/**
 * A report as a print-quality PDF (US Letter): the clinic letterhead on the first page, the patient's name and
 * date of birth in the header of every page, "Page n of m" in every footer. Text is set in DejaVu Sans, embedded
 * (subset to the glyphs used), so names such as "Thảo Nguyễn" or "Zoë Björk" print as written on any reader.
 */
const PAGE = { width: 612, height: 792 };
const MARGIN = { top: 86, bottom: 64, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BRAND = '#1f4e79';
const FONT = 'Body';
const BOLD = 'Body-Bold';

/** The font files, read once (DejaVu: Bitstream Vera licence, free to embed and redistribute). */
const fontFile = (name: string) =>
  readFileSync(createRequire(join(projectRoot, 'package.json')).resolve(`dejavu-fonts-ttf/ttf/${name}`));

interface PdfKit {
  PDFDocument: typeof import('pdfkit');
  regular: Buffer;
  bold: Buffer;
  covers: (codePoint: number) => boolean;
}

/**
 * pdfkit, fontkit and the fonts are loaded on the first PDF, not at start-up: together they are megabytes of
 * code and data an idle server does not need.
 */
let pdfKit: Promise<PdfKit> | undefined;
export function loadPdfKit(): Promise<PdfKit> {
  pdfKit ??= (async () => {
    const [{ default: PDFDocument }, fontkit] = await Promise.all([import('pdfkit'), import('fontkit')]);
    const regular = fontFile('DejaVuSans.ttf');
    const bold = fontFile('DejaVuSans-Bold.ttf');
    const regularFont = fontkit.create(regular) as import('fontkit').Font;
    const boldFont = fontkit.create(bold) as import('fontkit').Font;
    return {
      PDFDocument,
      regular,
      bold,
      covers: (cp) => regularFont.hasGlyphForCodePoint(cp) && boldFont.hasGlyphForCodePoint(cp),
    };
  })();
  return pdfKit;
}

/** Text the embedded font can draw: a character it lacks (e.g. CJK) becomes "?" rather than an empty box. */
export function textFor(text: string, covers: (codePoint: number) => boolean): string {
  return Array.from(text, (c) => (c === '\n' || covers(c.codePointAt(0)!) ? c : '?')).join('');
}

export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const { PDFDocument, regular, bold, covers } = await loadPdfKit();
  const pdfSafe = (text: string) => textFor(text, covers);
  const born = birthDayText(doc.patient.dateOfBirth);
  const pdf = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: pdfSafe(`${doc.title} - ${doc.patient.name}`),
      Author: pdfSafe(doc.letterhead.name),
      Creator: 'Palpa',
    },
  });
  pdf.registerFont(FONT, regular);
  pdf.registerFont(BOLD, bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const bottom = () => PAGE.height - MARGIN.bottom;
  const ensure = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };

  // Letterhead (first page).
  pdf.font(BOLD).fontSize(18).fillColor(BRAND).text(pdfSafe(doc.letterhead.name), MARGIN.left, MARGIN.top);
  pdf.font(FONT).fontSize(9.5).fillColor('#444444');
  for (const line of doc.letterhead.lines) pdf.text(pdfSafe(line));
  pdf
    .moveTo(MARGIN.left, pdf.y + 6)
    .lineTo(PAGE.width - MARGIN.right, pdf.y + 6)
    .lineWidth(1.5)
    .strokeColor(BRAND)
    .stroke();
  pdf.moveDown(1.2);

  pdf.font(BOLD).fontSize(15).fillColor('#000000').text(pdfSafe(doc.title), MARGIN.left);
  pdf.moveDown(0.3);
  pdf
    .font(BOLD)
    .fontSize(10.5)
    .text(pdfSafe(`Patient: ${doc.patient.name}    Date of birth: ${born}`));
  pdf.font(FONT).fontSize(10);
  for (const m of doc.meta) pdf.text(pdfSafe(m));

  for (const section of doc.sections) {
    ensure(48);
    pdf.moveDown(0.8);
    pdf.font(BOLD).fontSize(12).fillColor(BRAND).text(pdfSafe(section.heading), MARGIN.left);
    pdf.moveDown(0.2);
    pdf.font(FONT).fontSize(10).fillColor('#000000');
    for (const p of section.paragraphs) {
      ensure(pdf.heightOfString(pdfSafe(p), { width: CONTENT_WIDTH }) + 2);
      pdf.text(pdfSafe(p), MARGIN.left, pdf.y, { width: CONTENT_WIDTH });
      pdf.moveDown(0.2);
    }
    if (section.table) drawTable(pdf, section.table, ensure, pdfSafe);
  }
  ensure(40);
  pdf.moveDown(1.5);
  pdf.font(BOLD).fontSize(10).fillColor('#000000').text(pdfSafe(doc.signature), MARGIN.left);

  // Running header and footer on every page, now that the page count is known.
  const range = pdf.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    pdf.switchToPage(i);
    const margins = pdf.page.margins;
    pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    pdf
      .font(BOLD)
      .fontSize(8.5)
      .fillColor('#333333')
      .text(pdfSafe(`${doc.patient.name} - DOB ${born}`), MARGIN.left, 36, {
        width: CONTENT_WIDTH / 2,
        lineBreak: false,
      });
    pdf.font(FONT).text(pdfSafe(doc.letterhead.name), MARGIN.left + CONTENT_WIDTH / 2, 36, {
      width: CONTENT_WIDTH / 2,
      align: 'right',
      lineBreak: false,
    });
    pdf
      .moveTo(MARGIN.left, 50)
      .lineTo(PAGE.width - MARGIN.right, 50)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    pdf
      .font(FONT)
      .fontSize(8.5)
      .fillColor('#333333')
      .text(pdfSafe(doc.title), MARGIN.left, PAGE.height - 40, {
        width: CONTENT_WIDTH * 0.7,
        lineBreak: false,
      });
    pdf.text(`Page ${i - range.start + 1} of ${total}`, MARGIN.left + CONTENT_WIDTH * 0.7, PAGE.height - 40, {
      width: CONTENT_WIDTH * 0.3,
      align: 'right',
      lineBreak: false,
    });
    pdf.page.margins = margins;
  }
  pdf.end();
  return done;
}

function drawTable(
  pdf: PDFKit.PDFDocument,
  table: DocTable,
  ensure: (h: number) => void,
  pdfSafe: (text: string) => string,
) {
  const weights = table.widths ?? table.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * CONTENT_WIDTH);
  const pad = 3;
  const rowHeight = (cells: string[], font: string) => {
    pdf.font(font).fontSize(9);
    return Math.max(
      ...cells.map((c, i) => pdf.heightOfString(pdfSafe(c), { width: widths[i]! - 2 * pad }) + 2 * pad),
    );
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = rowHeight(cells, font);
    const y = pdf.y;
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      if (fill) pdf.rect(x, y, widths[i]!, h).fillColor(fill).fill();
      pdf.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor('#999999').stroke();
      pdf
        .font(font)
        .fontSize(9)
        .fillColor('#000000')
        .text(pdfSafe(c), x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    pdf.x = MARGIN.left;
    pdf.y = y + h;
  };
  pdf.moveDown(0.3);
  ensure(rowHeight(table.columns, BOLD) + rowHeight(table.rows[0] ?? table.columns, FONT));
  drawRow(table.columns, BOLD, '#eef3f8');
  for (const row of table.rows) {
    const h = rowHeight(row, FONT);
    if (pdf.y + h > PAGE.height - MARGIN.bottom) {
      pdf.addPage();
      drawRow(table.columns, BOLD, '#eef3f8');
    }
    drawRow(row, FONT);
  }
  pdf.moveDown(0.3);
}
