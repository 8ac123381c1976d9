import { type Html, html, jsonLd } from '../html.ts';

export interface PageInput {
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical?: string;
  structuredData?: unknown;
  body: Html;
  /** Print-first pages (the physician summary) carry no site header. */
  bare?: boolean;
}

/**
 * The frame of every public directory page: landmarks (banner, main, contentinfo), a skip link, one shared
 * stylesheet, no scripts except JSON-LD data, no tracking.
 */
export function page(input: PageInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<meta name="description" content="${input.description}">
${input.canonical ? html`<link rel="canonical" href="${input.canonical}">` : ''}
<meta name="robots" content="${input.bare ? 'noindex' : 'index, follow'}">
<link rel="stylesheet" href="/directory/directory.css">
${input.structuredData ? jsonLd(input.structuredData) : ''}
</head>
<body${input.bare ? html` class="print-page"` : ''}>
<a class="skip" href="#main">Skip to content</a>
${
  input.bare
    ? ''
    : html`<header class="site" role="banner"><div class="wrap"><a class="brand" href="/find">Find a medical massage therapist</a></div></header>`
}
<main id="main" class="wrap" tabindex="-1">
${input.body}
</main>
${
  input.bare
    ? ''
    : html`<footer class="site" role="contentinfo"><div class="wrap"><p>Listings are published by each clinic. Reviews come only from patients with a completed session. <a href="/find">Search the directory</a></p></div></footer>`
}
</body>
</html>`.value;
}

export function errorPage(title: string, message: string, details: string[] = []): string {
  return page({
    title: `${title} · Therapist directory`,
    description: message,
    body: html`<h1>${title}</h1><p>${message}</p>${
      details.length > 0 ? html`<ul class="errors">${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''
    }<p><a href="/find">Search the directory</a></p>`,
  });
}
