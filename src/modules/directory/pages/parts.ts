import { DateTime } from 'luxon';
import { type Html, html, safeHref } from '../html.ts';
import type { CredentialRow, LocationHours, RatingSummary } from '../public-data.ts';

export const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const CREDENTIAL_KIND_LABELS: Record<CredentialRow['kind'], string> = {
  state_license: 'State licence',
  camtc: 'CAMTC certification (California)',
  ncbtmb: 'NCBTMB Board Certification',
  other_certification: 'Certification',
  npi: 'National Provider Identifier (NPI)',
};

const NUMBER_LABELS: Partial<Record<CredentialRow['kind'], string>> = {
  camtc: 'CAMTC certificate no.',
  npi: 'NPI',
};

export const money = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 0 });

export const dateText = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });

/**
 * Credentials the way California asks for certification to be advertised: the name the holder is certified
 * under and the certificate number, with the issuer, status, expiry and the clinic's last verification.
 */
export function credentialList(rows: CredentialRow[], headingLevel: 2 | 3 = 2): Html {
  if (rows.length === 0) return html`<p>No current credentials are listed.</p>`;
  return html`<ul class="credentials">${rows.map(
    (c) => html`<li class="card">
  ${headingLevel === 2 ? html`<h3>${c.title}</h3>` : html`<h4>${c.title}</h4>`}
  <dl>
    <dt>Type</dt><dd>${CREDENTIAL_KIND_LABELS[c.kind]}</dd>
    <dt>Certified as</dt><dd>${c.certifiedName}</dd>
    ${c.number ? html`<dt>${NUMBER_LABELS[c.kind] ?? 'Number'}</dt><dd>${c.number}</dd>` : ''}
    <dt>Issued by</dt><dd>${c.issuer}${c.region ? html` (${c.region})` : ''}</dd>
    <dt>Status</dt><dd>Active</dd>
    ${c.expiresOn ? html`<dt>Valid until</dt><dd>${dateText(c.expiresOn)}</dd>` : ''}
    <dt>Verified by the clinic</dt><dd>${c.verifiedAt ? dateText(c.verifiedAt.toISOString().slice(0, 10)) : 'Not yet'}</dd>
  </dl>
  ${c.verificationUrl ? html`<p><a href="${safeHref(c.verificationUrl)}" rel="nofollow noopener">Check with the issuer</a></p>` : ''}
</li>`,
  )}</ul>`;
}

/** A wall-clock time ("17:00"; "24:00" ends at midnight) on the 12-hour clock online booking uses: "5:00 PM". */
export function clockTime(time: string): string {
  return DateTime.fromISO(`1970-01-01T${time}`, { zone: 'UTC' }).setLocale('en-US').toFormat('h:mm a');
}

export function locationList(locations: LocationHours[]): Html {
  return html`<ul class="locations">${locations.map(
    (l) => html`<li class="card"><h3>${l.name}</h3>
<address>${l.addressLine1}${l.addressLine2 ? html`, ${l.addressLine2}` : ''}<br>${l.city}, ${l.region} ${l.postalCode}${
      l.phone ? html`<br>Phone: <a href="tel:${l.phone.replace(/[^+0-9]/g, '')}">${l.phone}</a>` : ''
    }</address>
${
  l.hours.length > 0
    ? html`<table class="hours"><caption>Opening hours</caption><tbody>${l.hours.map(
        (h) =>
          html`<tr><th scope="row">${WEEKDAYS[h.weekday]}</th><td>${clockTime(h.open)} – ${clockTime(h.close)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">Hours by appointment.</p>`
}</li>`,
  )}</ul>`;
}

export function ratingText(rating: RatingSummary): string {
  return rating.count === 0
    ? 'No reviews yet'
    : `${rating.average?.toFixed(1)} out of 5 from ${rating.count} verified review${rating.count === 1 ? '' : 's'}`;
}

export function reviewList(
  rows: { id: string; rating: number; body: string; createdAt: Date; reply: string | null }[],
  clinicName: string,
  therapistNames?: Map<string, string>,
  therapistOf?: Map<string, string>,
): Html {
  if (rows.length === 0) return html`<p>No reviews yet.</p>`;
  return html`<ul class="reviews">${rows.map((r) => {
    const who = therapistOf && therapistNames ? therapistNames.get(therapistOf.get(r.id) ?? '') : undefined;
    const month = r.createdAt.toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return html`<li class="card review"><p class="stars" aria-label="Rated ${r.rating} out of 5">${'★'.repeat(r.rating)}${'☆'.repeat(5 - r.rating)}</p>
<blockquote><p>${r.body}</p></blockquote>
<p class="muted small">Verified patient · ${month}${who ? html` · with ${who}` : ''}</p>
${r.reply ? html`<div class="reply"><p class="small"><strong>Reply from ${clinicName}</strong></p><p>${r.reply}</p></div>` : ''}</li>`;
  })}</ul>`;
}
