import { birthDayText, type ReportDocument } from './document.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A report as a standalone, printable HTML page (inline styles only; every value escaped). */
export function renderReportHtml(doc: ReportDocument): string {
  const identity = `${esc(doc.patient.name)} · born ${esc(birthDayText(doc.patient.dateOfBirth))}`;
  const sections = doc.sections
    .map((s) => {
      const paragraphs = s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
      const table = s.table
        ? `<table><thead><tr>${s.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
            .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : '';
      return `<section><h2>${esc(s.heading)}</h2>${paragraphs}${table}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)} · ${esc(doc.patient.name)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
header { border-bottom: 2px solid #1f4e79; padding-bottom: .5rem; margin-bottom: 1rem; }
header .clinic { font-size: 1.4rem; font-weight: bold; color: #1f4e79; margin: 0; }
header p { margin: .1rem 0; color: #444; }
.identity { font-weight: bold; }
h1 { font-size: 1.3rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.05rem; color: #1f4e79; margin: 1.25rem 0 .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .5rem; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<header>
<p class="clinic">${esc(doc.letterhead.name)}</p>
${doc.letterhead.lines.map((l) => `<p>${esc(l)}</p>`).join('')}
</header>
<main>
<h1>${esc(doc.title)}</h1>
<p class="identity">Patient: ${identity}</p>
${doc.meta.map((m) => `<p>${esc(m)}</p>`).join('')}
${sections}
</main>
<footer><p>${esc(doc.signature)}</p></footer>
</body>
</html>
`;
}
