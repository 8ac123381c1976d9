import { getTreatedCondition, type TreatedConditionId } from '../../../domain/catalog/conditions.ts';
import { getTechnique, type TechniqueId } from '../../../domain/catalog/techniques.ts';
import { html } from '../html.ts';
import type {
  ClinicProfileRow,
  CredentialRow,
  LocationHours,
  RatingSummary,
  TherapistProfileRow,
} from '../public-data.ts';
import { GENDER_LABELS, LANGUAGES } from '../schemas.ts';
import { page } from './layout.ts';
import { credentialList, dateText, locationList, money, ratingText, reviewList } from './parts.ts';

type Review = {
  id: string;
  therapistId: string;
  rating: number;
  body: string;
  createdAt: Date;
  reply: string | null;
};
type Service = { name: string; durationMinutes: number; priceCents: number };
interface ClinicData {
  profile: ClinicProfileRow;
  name: string;
}

const languageNames = (codes: string[]) => codes.map((c) => LANGUAGES[c as keyof typeof LANGUAGES] ?? c);
const conditionLabel = (id: string) => getTreatedCondition(id as TreatedConditionId).label;
const techniqueName = (id: string) => getTechnique(id as TechniqueId).name;

function acceptsList(p: ClinicProfileRow) {
  const items = [
    p.acceptsReferrals ? 'Physician referrals and prescriptions' : null,
    p.acceptsInsurance ? 'Insurance' : null,
    p.acceptsAutoAccident ? 'Auto-accident (personal injury) cases' : null,
  ].filter((x): x is string => x !== null);
  return items.length > 0 ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p>Self-pay.</p>`;
}

function inclusiveSection(p: ClinicProfileRow) {
  const marks = [
    p.inclusiveLgbtq ? 'LGBTQ+ welcoming' : null,
    p.inclusiveTraumaInformed ? 'Trauma-informed care' : null,
    p.inclusiveAccessible ? 'Accessible premises' : null,
  ].filter((x): x is string => x !== null);
  if (marks.length === 0 && !p.inclusiveStatement) return '';
  return html`<section aria-labelledby="inclusive-h"><h2 id="inclusive-h">Inclusive practice</h2>
<ul class="tags">${marks.map((m) => html`<li>${m}</li>`)}</ul>${p.inclusiveStatement ? html`<p>${p.inclusiveStatement}</p>` : ''}</section>`;
}

function servicesTable(services: Service[]) {
  if (services.length === 0) return html`<p>Ask the clinic about session lengths and prices.</p>`;
  return html`<table class="services"><caption class="visually-hidden">Sessions and prices</caption><thead><tr><th scope="col">Session</th><th scope="col">Length</th><th scope="col">Price</th></tr></thead><tbody>${services.map(
    (s) => html`<tr><td>${s.name}</td><td>${s.durationMinutes} min</td><td>${money(s.priceCents)}</td></tr>`,
  )}</tbody></table>`;
}

export function clinicPage(input: {
  clinic: ClinicData;
  canonical: string;
  origin: string;
  photoUrl: string | null;
  locations: LocationHours[];
  therapists: { name: string; slug: string; pronouns: string | null; photoUrl: string | null }[];
  services: Service[];
  rating: RatingSummary;
  reviews: Review[];
  therapistNames: Map<string, string>;
  bookUrl: string;
}): string {
  const { clinic, rating } = input;
  const p = clinic.profile;
  const description = (p.tagline ?? `Medical massage therapy at ${clinic.name}`).slice(0, 160);
  const first = input.locations[0];
  const structuredData = {
    '@context': 'https://schema.org',
    '@type': 'MedicalBusiness',
    name: clinic.name,
    url: input.canonical,
    description,
    ...(p.publicPhone ? { telephone: p.publicPhone } : {}),
    ...(p.publicEmail ? { email: p.publicEmail } : {}),
    ...(input.photoUrl ? { image: `${input.origin}${input.photoUrl}` } : {}),
    ...(first
      ? {
          address: {
            '@type': 'PostalAddress',
            streetAddress: [first.addressLine1, first.addressLine2].filter(Boolean).join(', '),
            addressLocality: first.city,
            addressRegion: first.region,
            postalCode: first.postalCode,
            addressCountry: 'US',
          },
        }
      : {}),
    // schema.org's MedicalSpecialty has no massage therapy: musculoskeletal is the branch it treats.
    medicalSpecialty: 'Musculoskeletal',
    ...(rating.count > 0
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: rating.average,
            reviewCount: rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
    employee: input.therapists.map((t) => ({
      '@type': 'Person',
      name: t.name,
      url: `${input.origin}/therapists/${t.slug}`,
    })),
  };
  const body = html`<article>
<header class="profile-head">
${input.photoUrl ? html`<img class="photo" src="${input.photoUrl}" alt="${clinic.name}" width="160" height="160">` : ''}
<div><h1>${clinic.name}</h1>${p.tagline ? html`<p class="lead">${p.tagline}</p>` : ''}
<p class="rating">${ratingText(rating)}</p>
<p class="actions"><a class="button" href="${input.bookUrl}">Book a session</a></p></div>
</header>
${p.about ? html`<section aria-labelledby="about-h"><h2 id="about-h">About</h2><p>${p.about}</p></section>` : ''}
${inclusiveSection(p)}
<section aria-labelledby="accepts-h"><h2 id="accepts-h">Accepts</h2>${acceptsList(p)}</section>
<section aria-labelledby="team-h"><h2 id="team-h">Therapists</h2>
${
  input.therapists.length > 0
    ? html`<ul class="team">${input.therapists.map(
        (t) =>
          html`<li class="card">${t.photoUrl ? html`<img class="avatar" src="${t.photoUrl}" alt="Photo of ${t.name}" width="72" height="72">` : ''}<a href="/therapists/${t.slug}">${t.name}</a>${t.pronouns ? html` <span class="muted">(${t.pronouns})</span>` : ''}</li>`,
      )}</ul>`
    : html`<p>No therapist profiles are published yet.</p>`
}</section>
<section aria-labelledby="sessions-h"><h2 id="sessions-h">Sessions and prices</h2>${servicesTable(input.services)}</section>
<section aria-labelledby="locations-h"><h2 id="locations-h">Locations and hours</h2>${locationList(input.locations)}</section>
<section aria-labelledby="contact-h"><h2 id="contact-h">Contact</h2><ul>
${p.publicPhone ? html`<li>Phone: <a href="tel:${p.publicPhone.replace(/[^+0-9]/g, '')}">${p.publicPhone}</a></li>` : ''}
${p.publicEmail ? html`<li>E-mail: <a href="mailto:${p.publicEmail}">${p.publicEmail}</a></li>` : ''}
${p.website && /^https?:/i.test(p.website) ? html`<li>Website: <a href="${p.website}" rel="noopener">${p.website}</a></li>` : ''}
</ul></section>
<section aria-labelledby="reviews-h"><h2 id="reviews-h">Verified reviews</h2><p>${ratingText(rating)}</p>${reviewList(input.reviews, clinic.name, input.therapistNames, new Map(input.reviews.map((r) => [r.id, r.therapistId])))}</section>
</article>`;
  return page({
    title: `${clinic.name} · Medical massage`,
    description,
    canonical: input.canonical,
    structuredData,
    body,
  });
}

export function therapistPage(input: {
  clinic: ClinicData;
  profile: TherapistProfileRow;
  postNominals: string | null;
  canonical: string;
  origin: string;
  photoUrl: string | null;
  locations: LocationHours[];
  services: Service[];
  credentials: CredentialRow[];
  rating: RatingSummary;
  reviews: Review[];
  nextOpening: string | null;
  bookUrl: string;
}): string {
  const { profile: t, clinic, rating } = input;
  const p = clinic.profile;
  const fullName = input.postNominals ? `${t.displayName}, ${input.postNominals}` : t.displayName;
  const conditions = t.conditions.map(conditionLabel);
  const description = `${fullName}, medical massage therapist at ${clinic.name}${
    conditions.length > 0 ? `: ${conditions.slice(0, 4).join(', ').toLowerCase()}` : ''
  }.`.slice(0, 200);
  const structuredData = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: t.displayName,
    url: input.canonical,
    jobTitle: 'Medical massage therapist',
    ...(input.photoUrl ? { image: `${input.origin}${input.photoUrl}` } : {}),
    ...(t.publicEmail ? { email: t.publicEmail } : {}),
    knowsLanguage: t.languages,
    knowsAbout: [...conditions, ...t.techniques.map(techniqueName)],
    worksFor: { '@type': 'MedicalBusiness', name: clinic.name, url: `${input.origin}/clinics/${p.slug}` },
    // An NPI identifies the therapist for billing; it is not a qualification.
    hasCredential: input.credentials
      .filter((c) => c.kind !== 'npi')
      .map((c) => ({
        '@type': 'EducationalOccupationalCredential',
        name: c.title,
        credentialCategory: c.kind === 'state_license' ? 'license' : 'certification',
        recognizedBy: { '@type': 'Organization', name: c.issuer },
        ...(c.expiresOn ? { validUntil: c.expiresOn } : {}),
      })),
  };
  const gender = t.genderDescription ?? (t.gender ? GENDER_LABELS[t.gender] : null);
  const body = html`<article>
<header class="profile-head">
${input.photoUrl ? html`<img class="photo" src="${input.photoUrl}" alt="Photo of ${t.displayName}" width="160" height="160">` : ''}
<div><h1>${fullName}</h1>
<p class="lead">Medical massage therapist at <a href="/clinics/${p.slug}">${clinic.name}</a></p>
<ul class="facts">
${t.pronouns ? html`<li>Pronouns: ${t.pronouns}</li>` : ''}
${gender ? html`<li>Gender: ${gender}</li>` : ''}
<li>Languages: ${languageNames(t.languages).join(', ')}</li>
<li>${ratingText(rating)}</li>
<li>${input.nextOpening ? `Next opening ${input.nextOpening}` : 'No online opening in the next 7 days'}</li>
</ul>
<p class="actions"><a class="button" href="${input.bookUrl}">Book with ${t.displayName}</a> <a class="button secondary" href="/therapists/${t.slug}/ask-my-physician">Ask my physician (printable)</a></p></div>
</header>
${t.bio ? html`<section aria-labelledby="about-h"><h2 id="about-h">About</h2><p>${t.bio}</p></section>` : ''}
<section aria-labelledby="credentials-h"><h2 id="credentials-h">Credentials</h2>${credentialList(input.credentials)}</section>
<section aria-labelledby="conditions-h"><h2 id="conditions-h">Conditions treated</h2>${
    conditions.length > 0
      ? html`<ul class="tags">${conditions.map((c) => html`<li>${c}</li>`)}</ul>`
      : html`<p>Ask about your condition.</p>`
  }</section>
<section aria-labelledby="techniques-h"><h2 id="techniques-h">Techniques</h2>${
    t.techniques.length > 0
      ? html`<dl class="techniques">${t.techniques.map((id) => {
          const tech = getTechnique(id as TechniqueId);
          return html`<dt>${tech.name}</dt><dd>${tech.description}</dd>`;
        })}</dl>`
      : html`<p>Ask about techniques.</p>`
  }</section>
<section aria-labelledby="sessions-h"><h2 id="sessions-h">Sessions and prices</h2>${servicesTable(input.services)}</section>
<section aria-labelledby="accepts-h"><h2 id="accepts-h">Accepts</h2>${acceptsList(p)}</section>
${inclusiveSection(p)}
<section aria-labelledby="locations-h"><h2 id="locations-h">Where and when</h2>${locationList(input.locations)}</section>
${t.publicEmail ? html`<section aria-labelledby="contact-h"><h2 id="contact-h">Contact</h2><p><a href="mailto:${t.publicEmail}">${t.publicEmail}</a></p></section>` : ''}
<section aria-labelledby="reviews-h"><h2 id="reviews-h">Verified reviews</h2><p>${ratingText(rating)}</p>${reviewList(input.reviews, clinic.name)}</section>
</article>`;
  return page({
    title: `${fullName} · ${clinic.name}`,
    description,
    canonical: input.canonical,
    structuredData,
    body,
  });
}

/** The printable one-page summary a patient takes to their physician. */
export function askPhysicianPage(input: {
  clinic: ClinicData;
  profile: TherapistProfileRow;
  postNominals: string | null;
  canonical: string;
  credentials: CredentialRow[];
  locations: LocationHours[];
}): string {
  const { profile: t, clinic } = input;
  const p = clinic.profile;
  const fullName = input.postNominals ? `${t.displayName}, ${input.postNominals}` : t.displayName;
  const first = input.locations[0];
  const body = html`<article class="summary">
<h1>Medical massage referral request</h1>
<p>Your patient would like to see <strong>${fullName}</strong> at <strong>${clinic.name}</strong> for medical massage therapy. A massage therapist does not diagnose; a referral or prescription with the items below lets the therapist plan safe, appropriate treatment (and is needed for insurance or auto-accident claims).</p>
<section aria-labelledby="who-h"><h2 id="who-h">Therapist and clinic</h2>
<p>${fullName} · ${clinic.name}${first ? html`<br>${first.addressLine1}${first.addressLine2 ? html`, ${first.addressLine2}` : ''}, ${first.city}, ${first.region} ${first.postalCode}` : ''}${
    p.publicPhone ? html`<br>Phone: ${p.publicPhone}` : ''
  }</p></section>
<section aria-labelledby="cred-h"><h2 id="cred-h">Credentials</h2>${
    input.credentials.length > 0
      ? html`<ul>${input.credentials.map(
          (c) =>
            html`<li>${c.title} — ${c.issuer}; certified as ${c.certifiedName}${c.number ? html`, no. ${c.number}` : ''}${c.expiresOn ? html`; valid until ${dateText(c.expiresOn)}` : ''}</li>`,
        )}</ul>`
      : html`<p>No current credentials listed.</p>`
  }</section>
<section aria-labelledby="tech-h"><h2 id="tech-h">Techniques</h2><p>${t.techniques.map(techniqueName).join(', ') || 'Discussed at the first visit.'}</p></section>
<section aria-labelledby="need-h"><h2 id="need-h">What the referral should include</h2>
<ol class="checklist">
<li>Patient name and date of birth</li>
<li>Diagnosis, with the ICD-10-CM code(s)</li>
<li>Frequency × duration (for example 2× a week for 6 weeks) or the number of visits</li>
<li>Body regions and any techniques to use or avoid</li>
<li>Precautions and contraindications (for example anticoagulants, recent surgery, DVT history)</li>
<li>Physician name, signature, date and NPI</li>
</ol>
${p.referralNotes ? html`<p>${p.referralNotes}</p>` : ''}</section>
<section aria-labelledby="send-h"><h2 id="send-h">Where to send it</h2><ul>
${p.referralFax ? html`<li>Fax: ${p.referralFax}</li>` : ''}
${p.referralEmail ? html`<li>E-mail: ${p.referralEmail}</li>` : ''}
${!p.referralFax && !p.referralEmail ? html`<li>Give it to the patient to bring to their first visit.</li>` : ''}
</ul></section>
<p class="no-print"><a href="/therapists/${t.slug}">Back to ${t.displayName}'s profile</a> · Use your browser's Print command to print this page.</p>
</article>`;
  return page({
    title: `Referral request for ${fullName} · ${clinic.name}`,
    description: `What ${clinic.name} needs on a physician referral for medical massage with ${t.displayName}.`,
    canonical: input.canonical,
    bare: true,
    body,
  });
}
