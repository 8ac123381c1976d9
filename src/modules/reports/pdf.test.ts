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

  it('replaces only the characters the font cannot draw', async () => {
    const { covers } = await loadPdfKit();
    expect(textFor('Thảo → 東京\nnext', covers)).toBe('Thảo → ??\nnext');
  });
});
