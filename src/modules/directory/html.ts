/**
 * A tiny HTML builder for the server-rendered public pages. Every interpolated value is escaped unless it is
 * itself `Html` made by this module; arrays are joined; null, undefined and false render nothing. Never build
 * markup by string concatenation: use `html\`…\``.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export const escapeHtml = (value: string): string => value.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Text already safe (only for constants written in this code base). */
export const raw = (value: string) => new Html(value);

/**
 * JSON-LD for `<script type="application/ld+json">`: data, never executed. `<`, `>`, `&` and the line
 * separators are escaped so no value can close the script element.
 */
export function jsonLd(data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new Html(`<script type="application/ld+json">${json}</script>`);
}

/** A URL for an href: only http(s), mailto, tel and site-relative paths; anything else becomes '#'. */
export function safeHref(url: string): string {
  if (/^(https?:|mailto:|tel:)/i.test(url) || (url.startsWith('/') && !url.startsWith('//'))) return url;
  return '#';
}
