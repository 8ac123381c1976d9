import type { BookableClinic, PublicTherapist } from './api.ts';

/**
 * The clinic the booking is at, and how its step looks: `fixed` when a link (a clinic's or a therapist's Book
 * button) names a clinic that takes online bookings, so no other clinic is offered; `choose` when the visitor
 * picks among several; `none` when there is only one. A link to a clinic that does not book online falls back to
 * choosing, and says so (`unknownLink`).
 */
export function clinicInView(
  clinics: BookableClinic[],
  ids: { link: string | null; chosen: string; session?: string },
): { clinic: BookableClinic | undefined; step: 'fixed' | 'choose' | 'none'; unknownLink: boolean } {
  const linked = ids.link ? clinics.find((c) => c.id === ids.link) : undefined;
  const several = clinics.length > 1;
  if (linked) return { clinic: linked, step: several ? 'fixed' : 'none', unknownLink: false };
  const clinic =
    clinics.find((c) => c.id === ids.chosen) ??
    (several ? clinics.find((c) => c.id === ids.session) : clinics[0]);
  return { clinic, step: several ? 'choose' : 'none', unknownLink: Boolean(ids.link) };
}

/**
 * The therapist a link named, when they give the chosen session: the therapist step then shows only them
 * (with a way to see the others) rather than a list to choose from.
 */
export function linkedTherapist(
  offering: PublicTherapist[],
  ids: { link: string | null; chosen: string },
): PublicTherapist | undefined {
  return ids.link && ids.link === ids.chosen ? offering.find((t) => t.id === ids.link) : undefined;
}
