import { TREATED_CONDITIONS } from '../../../domain/catalog/conditions.ts';
import { TECHNIQUES } from '../../../domain/catalog/techniques.ts';
import { html } from '../html.ts';
import {
  GENDER_LABELS,
  GENDER_VALUES,
  INCLUSIVE_LABELS,
  INCLUSIVE_VALUES,
  LANGUAGES,
  type SearchQuery,
} from '../schemas.ts';
import type { SearchOutput } from '../search.ts';
import { page } from './layout.ts';

type Raw = Record<string, string | undefined>;

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;

/** The /find page: the search form (plain GET, works without JavaScript) and the ranked results. */
export function findPage(input: {
  raw: Raw;
  query?: SearchQuery;
  result?: SearchOutput;
  errors?: { path: string; message: string }[];
  canonical: string;
}): string {
  const { raw, result, errors = [] } = input;
  const inclusive = new Set((raw.inclusive ?? '').split(','));
  const errorFor = (field: string) => errors.find((e) => e.path === `querystring.${field}`)?.message;
  const field = (name: string, label: string, control: ReturnType<typeof html>) => {
    const error = errorFor(name);
    return html`<div class="field"><label for="f-${name}">${label}</label>${control}${
      error ? html`<p class="error" id="e-${name}">${error}</p>` : ''
    }</div>`;
  };
  const described = (name: string) =>
    errorFor(name) ? html` aria-invalid="true" aria-describedby="e-${name}"` : '';
  const heading = raw.condition
    ? `Therapists for ${TREATED_CONDITIONS.find((c) => c.id === raw.condition)?.label.toLowerCase() ?? 'your condition'}`
    : 'Find a medical massage therapist';
  // With results on screen, the search folds away behind a one-line summary of what was asked, so the results
  // are what a phone shows first; a fresh page, or a search to correct, shows the whole form.
  const folded = result !== undefined && errors.length === 0;
  const asked = [
    TREATED_CONDITIONS.find((c) => c.id === raw.condition)?.label,
    TECHNIQUES.find((t) => t.id === raw.technique)?.name,
    raw.zip ? `within ${raw.distance || '25'} mi of ${raw.zip}` : undefined,
    raw.language ? LANGUAGES[raw.language as keyof typeof LANGUAGES] : undefined,
    raw.gender ? `${GENDER_LABELS[raw.gender as keyof typeof GENDER_LABELS]} therapist` : undefined,
    ...INCLUSIVE_VALUES.filter((v) => inclusive.has(v)).map((v) => INCLUSIVE_LABELS[v]),
    raw.available === 'true' ? 'available this week' : undefined,
  ].filter(Boolean);
  const form = html`<form class="search" method="get" action="/find" role="search" aria-label="Therapist search">
  ${field(
    'condition',
    'Condition',
    html`<select id="f-condition" name="condition"${described('condition')}><option value="">Any condition</option>${TREATED_CONDITIONS.map((c) => option(c.id, c.label, raw.condition))}</select>`,
  )}
  ${field(
    'technique',
    'Technique',
    html`<select id="f-technique" name="technique"${described('technique')}><option value="">Any technique</option>${TECHNIQUES.map((t) => option(t.id, t.name, raw.technique))}</select>`,
  )}
  ${field(
    'zip',
    'ZIP code',
    html`<input id="f-zip" name="zip" inputmode="numeric" autocomplete="postal-code" maxlength="10" value="${raw.zip ?? ''}"${described('zip')}>`,
  )}
  ${field(
    'distance',
    'Within',
    html`<select id="f-distance" name="distance"${described('distance')}><option value="">25 miles</option>${['5', '10', '50', '100'].map((d) => option(d, `${d} miles`, raw.distance))}</select>`,
  )}
  ${field(
    'language',
    'Language',
    html`<select id="f-language" name="language"${described('language')}><option value="">Any language</option>${Object.entries(LANGUAGES).map(([code, label]) => option(code, label, raw.language))}</select>`,
  )}
  ${field(
    'gender',
    'Therapist gender',
    html`<select id="f-gender" name="gender"${described('gender')}><option value="">No preference</option>${GENDER_VALUES.map((g) => option(g, GENDER_LABELS[g], raw.gender))}</select>`,
  )}
  <fieldset class="field checks"><legend>Inclusive practice</legend>
    ${INCLUSIVE_VALUES.map(
      (v) =>
        html`<label><input type="checkbox" name="inclusive" value="${v}"${inclusive.has(v) ? html` checked` : ''}> ${INCLUSIVE_LABELS[v]}</label>`,
    )}
  </fieldset>
  <div class="field checks"><label><input type="checkbox" name="available" value="true"${raw.available === 'true' ? html` checked` : ''}> Available this week</label></div>
  <button type="submit">Search</button>
</form>`;
  const body = html`
<h1>${heading}</h1>
${
  folded
    ? html`<details class="refine"><summary><span class="refine-title">Change search</span>${
        asked.length > 0 ? html` <span class="muted small">${asked.join(' · ')}</span>` : ''
      }</summary>${form}</details>`
    : form
}
${
  errors.length > 0
    ? html`<div class="alert" role="alert"><h2>Please check your search</h2><ul>${errors.map((e) => html`<li>${e.path.replace('querystring.', '')}: ${e.message}</li>`)}</ul></div>`
    : ''
}
${result ? results(result) : ''}`;
  return page({
    title: `${heading} · Therapist directory`,
    description:
      'Search medical massage therapists by condition, technique, distance from your ZIP code, language, gender and inclusive practice, with verified credentials and reviews.',
    canonical: input.canonical,
    body,
  });
}

function results(result: SearchOutput) {
  if (result.items.length === 0) {
    return html`<section aria-labelledby="results-h"><h2 id="results-h">No therapists found</h2><p>Try a wider distance or fewer filters.</p></section>`;
  }
  return html`<section aria-labelledby="results-h">
<h2 id="results-h">${result.total} therapist${result.total === 1 ? '' : 's'} found</h2>
<p class="muted small">${result.ranking}</p>
<ol class="results">${result.items.map(
    (r) => html`<li class="card result">
  ${r.photoUrl ? html`<img class="avatar" src="${r.photoUrl}" alt="Photo of ${r.name}" width="72" height="72">` : ''}
  <div>
    <h3><a href="${r.profileUrl}">${r.name}</a>${r.pronouns ? html` <span class="muted">(${r.pronouns})</span>` : ''}</h3>
    <p class="muted"><a href="${r.clinicUrl}">${r.clinicName}</a>${r.city ? html` · ${r.city}` : ''}</p>
    <p class="why">${r.explanation}</p>
    <p class="actions"><a class="button" href="${r.bookUrl}">Book<span class="visually-hidden"> with ${r.name}</span></a> <a href="${r.profileUrl}">Profile and credentials<span class="visually-hidden"> of ${r.name}</span></a></p>
  </div>
</li>`,
  )}</ol></section>`;
}
