import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { loadPdfKit, renderReportPdf, textFor } from './pdf.ts';

const text = async (buffer: Buffer) => {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
};

describe('report PDF', () => {
  it('embeds its font, so names outside Western European print as written', async () => {
    const buffer = await renderReportPdf({
      title: 'Progress report, 2026-10-01 to 2026-11-01',
      letterhead: { name: 'Harbor Medical Massage', lines: ['1650 India St, San Diego, CA 92101'] },
      patient: { name: 'Thảo Nguyễn', dateOfBirth: '1980-03-14' },
      meta: ['Therapist: Zoë Björk, LMT'],
      sections: [{ heading: 'Outcome measures', paragraphs: ['NPRS 7 → 3 (≥ 2 points: meaningful)'] }],
      signature: 'Electronically signed by Zoë Björk',
    });
    const raw = buffer.toString('latin1');
    expect(raw).toContain('/FontFile2'); // an embedded TrueType font…
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/); // …and no reference to an unembedded standard one
    const all = await text(buffer);
    expect(all).toContain('Thảo Nguyễn');
    expect(all).toContain('Zoë Björk');
    expect(all).toContain('NPRS 7 → 3 (≥ 2 points: meaningful)');
  });

  it('identifies the patient on every page with the date of birth as people read it', async () => {
    const buffer = await renderReportPdf({
      title: 'Health record',
      letterhead: { name: 'Harbor Medical Massage', lines: [] },
      patient: { name: 'María Guadalupe Hernández', dateOfBirth: '1971-01-01' },
      meta: [],
      sections: [{ heading: 'Patient', paragraphs: Array.from({ length: 80 }, (_, i) => `Line ${i + 1}`) }],
      signature: 'Produced by Palpa',
    });
    const parser = new PDFParse({ data: new Uint8Array(buffer) });
    try {
      const { pages } = await parser.getText();
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        expect(page.text).toContain('María Guadalupe Hernández - DOB Jan 1, 1971');
        expect(page.text).not.toContain('1971-01-01');
      }
      expect(pages[0]!.text).toContain('Date of birth: Jan 1, 1971');
    } finally {
      await parser.destroy();
    }
  });

  it('replaces only the characters the font cannot draw', async () => {
    const { covers } = await loadPdfKit();
    expect(textFor('Thảo → 東京\nnext', covers)).toBe('Thảo → ??\nnext');
  });
});
