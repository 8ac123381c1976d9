import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import {
  appointments,
  clinicProfiles,
  clinics,
  credentials,
  locations,
  memberships,
  patients,
  reviewReplies,
  reviewReports,
  reviews,
  rooms,
  services,
  serviceTherapists,
  therapistBreaks,
  therapistHours,
  therapistProfiles,
  users,
} from '../../db/schema/index.ts';
import type { TreatedConditionId } from '../../domain/catalog/conditions.ts';
import type { TechniqueId } from '../../domain/catalog/techniques.ts';

const ZONE = 'America/Los_Angeles';
const DAY = 86_400_000;

interface DemoTherapist {
  displayName?: string;
  postNominals: string;
  pronouns: string;
  languages: string[];
  gender: 'woman' | 'man' | 'nonbinary' | null;
  genderDescription?: string;
  bio: string;
  conditions: TreatedConditionId[];
  techniques: TechniqueId[];
  camtc: string;
  /** Days until the CAMTC certificate expires (negative: expired). */
  expiresInDays: number;
  ncbtmb?: string;
  extra?: { title: string; issuer: string };
  /** Made-up NPI with a valid check digit (the 19… range reads as a demo number). */
  npi?: string;
}

const HARBOR: DemoTherapist[] = [
  {
    postNominals: 'CMT, BCTMB',
    pronouns: 'she/her',
    languages: ['en'],
    gender: 'woman',
    bio: 'Clinic founder. Fifteen years of medical massage after injury and surgery, working closely with referring physicians.',
    conditions: ['post-operative-recovery', 'chronic-back-pain', 'scar-tissue', 'sports-injury'],
    techniques: ['myofascial-release', 'scar-tissue-mobilisation', 'soft-tissue-mobilisation', 'stretching'],
    camtc: '54321',
    npi: '1900000013',
    expiresInDays: 400,
    ncbtmb: '1002345',
  },
  {
    postNominals: 'CMT',
    pronouns: 'he/him',
    languages: ['en', 'es'],
    gender: 'man',
    bio: 'Sports and deep tissue work for runners, surfers and desk workers. Habla español.',
    conditions: ['sciatica', 'chronic-back-pain', 'sports-injury', 'postural-strain'],
    techniques: ['deep-tissue-massage', 'trigger-point-therapy', 'myofascial-release', 'sports-massage'],
    camtc: '61842',
    npi: '1900000021',
    expiresInDays: 40,
  },
  {
    postNominals: 'CMT',
    pronouns: 'she/her',
    languages: ['en', 'hi'],
    gender: 'woman',
    bio: 'Certified in manual lymphatic drainage; gentle, trauma-informed care for lymphoedema and recovery after cancer treatment.',
    conditions: ['lymphoedema', 'post-operative-recovery', 'fibromyalgia', 'tension-headache'],
    techniques: ['manual-lymphatic-drainage', 'swedish-massage', 'positional-release'],
    camtc: '70915',
    npi: '1900000039',
    expiresInDays: 520,
    extra: { title: 'Certified Lymphedema Therapist (manual lymphatic drainage)', issuer: 'Klose Training' },
  },
  {
    postNominals: 'CMT',
    pronouns: 'they/them',
    languages: ['en', 'ko'],
    gender: 'nonbinary',
    genderDescription: 'Non-binary',
    bio: 'Neck, jaw and headache work for people who sit at screens all day.',
    conditions: ['neck-pain', 'tmj-dysfunction', 'migraine', 'tension-headache', 'whiplash'],
    techniques: ['neuromuscular-therapy', 'trigger-point-therapy', 'myofascial-release'],
    camtc: '48802',
    expiresInDays: -10,
  },
  {
    postNominals: 'CMT',
    pronouns: 'she/her',
    languages: ['es', 'en'],
    gender: 'woman',
    bio: 'Medical massage for repetitive strain, carpal tunnel and plantar fasciitis.',
    conditions: ['carpal-tunnel-syndrome', 'repetitive-strain', 'plantar-fasciitis', 'tendinitis'],
    techniques: ['cross-fiber-friction', 'myofascial-release', 'stretching'],
    camtc: '66210',
    npi: '1900000047',
    expiresInDays: 300,
  },
];

const SLO_PEOPLE = [
  { email: 'maya.thornton@slo.demo.palpa.test', name: 'Maya Thornton' },
  { email: 'eli.navarro@slo.demo.palpa.test', name: 'Eli Navarro' },
  { email: 'river.okoye@slo.demo.palpa.test', name: 'River Okoye' },
];
const SLO: DemoTherapist[] = [
  {
    postNominals: 'CMT',
    pronouns: 'she/her',
    languages: ['en'],
    gender: 'woman',
    bio: 'Hip and low-back recovery after surgery; I coordinate with your physical therapist.',
    conditions: ['post-operative-recovery', 'sciatica', 'chronic-back-pain'],
    techniques: ['myofascial-release', 'joint-mobilisation', 'stretching'],
    camtc: '59120',
    expiresInDays: 600,
  },
  {
    postNominals: 'CMT',
    pronouns: 'he/him',
    languages: ['en', 'es'],
    gender: 'man',
    bio: 'Sports massage for Cal Poly athletes and weekend hikers.',
    conditions: ['sports-injury', 'tendinitis', 'plantar-fasciitis', 'sciatica'],
    techniques: ['sports-massage', 'deep-tissue-massage', 'trigger-point-therapy'],
    camtc: '63377',
    expiresInDays: 250,
  },
  {
    postNominals: 'CMT',
    pronouns: 'they/them',
    languages: ['en'],
    gender: 'nonbinary',
    genderDescription: 'Genderqueer',
    bio: 'Queer-owned, trauma-informed bodywork. Chronic pain and fibromyalgia at a pace you set.',
    conditions: ['fibromyalgia', 'myofascial-pain', 'muscle-tension', 'neck-pain'],
    techniques: ['myofascial-release', 'swedish-massage', 'positional-release'],
    camtc: '71004',
    expiresInDays: 700,
  },
];

const REVIEWS = [
  { rating: 5, body: 'Explained every step, checked the pressure often and gave me stretches for home.' },
  { rating: 5, body: 'Warm, professional and on time. I finally feel I can work a full day again.' },
  { rating: 4, body: 'Very skilled. Parking nearby is hard, so arrive early.' },
  { rating: 5, body: 'Felt safe and respected from the first phone call. Highly recommended.' },
  { rating: 3, body: 'Good session, but the room was a bit cold and it started ten minutes late.' },
  { rating: 5, body: 'Listened carefully and adjusted the plan after each visit.' },
];

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * Directory demo data for `palpa demo`: Harbor Medical Massage (San Diego) public with its therapists'
 * profiles and CAMTC credentials (one expiring within 60 days, one expired and therefore hidden), an
 * inclusive-practice statement, verified reviews with a clinic reply and a report in the moderation queue;
 * plus a second demo clinic in San Luis Obispo (`is_demo`), with a location, three therapists, services and
 * weekly hours (so next openings exist), public profiles and verified reviews. Previous demo clinics' profiles
 * are unpublished and their slugs freed.
 */
export async function seedDirectoryDemo(
  db: Database,
  input: { clinicId: string; therapistUserIds: string[]; now: Date },
): Promise<{ clinics: number; therapists: number; credentials: number; reviews: number }> {
  const { clinicId, therapistUserIds, now } = input;
  // Retire the public face of earlier demo runs (their clinics were renamed "(replaced …)").
  const oldDemo = await db
    .select({ id: clinics.id })
    .from(clinics)
    .where(and(eq(clinics.isDemo, true), ne(clinics.id, clinicId), sql`${clinics.name} like '%(replaced%'`));
  if (oldDemo.length > 0) {
    const ids = oldDemo.map((c) => c.id);
    await db
      .update(clinicProfiles)
      .set({
        published: false,
        slug: sql`left(${clinicProfiles.slug}, 60) || '-' || substr(md5(random()::text), 1, 8)`,
      })
      .where(inArray(clinicProfiles.clinicId, ids));
    await db
      .update(therapistProfiles)
      .set({
        published: false,
        slug: sql`left(${therapistProfiles.slug}, 60) || '-' || substr(md5(random()::text), 1, 8)`,
      })
      .where(inArray(therapistProfiles.clinicId, ids));
  }
  const [owner] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, 'owner')))
    .limit(1);
  const ownerId = owner?.userId ?? therapistUserIds[0]!;

  // Harbor: clinic profile, therapists, credentials.
  await db.insert(clinicProfiles).values({
    clinicId,
    slug: 'harbor-medical-massage',
    published: true,
    tagline: 'Medical massage in San Diego, by referral or self-referral',
    about:
      'Harbor Medical Massage treats pain and injury with massage planned around your physician’s referral: assessment, a written plan, and progress you can measure.',
    publicPhone: '+1 619 555 0142',
    publicEmail: 'hello@harbor.demo.palpa.test',
    acceptsReferrals: true,
    acceptsInsurance: true,
    acceptsAutoAccident: true,
    inclusiveLgbtq: true,
    inclusiveTraumaInformed: true,
    inclusiveAccessible: true,
    inclusiveStatement:
      'LGBTQ+ people are welcome here. Tell us your name and pronouns; you choose the gender of your therapist, what is draped and how much you share. Step-free entrance and an accessible restroom.',
    referralFax: '+1 619 555 0143',
    referralEmail: 'referrals@harbor.demo.palpa.test',
    referralNotes: 'We confirm receipt within one working day and book the first visit with the patient.',
  });
  const names = new Map(
    (
      await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, therapistUserIds))
    ).map((u) => [u.id, u.name]),
  );
  let credentialCount = 0;
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  async function profileAndCredentials(cId: string, userId: string, name: string, t: DemoTherapist) {
    await db.insert(therapistProfiles).values({
      clinicId: cId,
      userId,
      slug: slugify(name),
      published: true,
      displayName: name,
      postNominals: t.postNominals,
      bio: t.bio,
      pronouns: t.pronouns,
      languages: t.languages,
      gender: t.gender,
      genderDescription: t.genderDescription ?? null,
      conditions: t.conditions,
      techniques: t.techniques,
    });
    const base = {
      clinicId: cId,
      therapistId: userId,
      certifiedName: name,
      createdBy: ownerId,
      verifiedAt: new Date(now.getTime() - 30 * DAY),
      verifiedBy: ownerId,
    };
    const rows = [
      {
        ...base,
        id: uuidv7(),
        kind: 'camtc' as const,
        title: 'Certified Massage Therapist (CMT)',
        issuer: 'California Massage Therapy Council',
        region: 'CA',
        number: t.camtc,
        issuedOn: today.plus({ days: t.expiresInDays }).minus({ years: 2 }).toISODate()!,
        expiresOn: today.plus({ days: t.expiresInDays }).toISODate()!,
        verificationUrl: 'https://www.camtc.org/',
      },
      ...(t.ncbtmb
        ? [
            {
              ...base,
              id: uuidv7(),
              kind: 'ncbtmb' as const,
              title: 'Board Certified in Therapeutic Massage & Bodywork (BCTMB)',
              issuer: 'NCBTMB',
              region: null,
              number: t.ncbtmb,
              issuedOn: today.minus({ years: 1 }).toISODate()!,
              expiresOn: today.plus({ years: 1 }).toISODate()!,
              verificationUrl: 'https://www.ncbtmb.org/',
            },
          ]
        : []),
      ...(t.extra
        ? [
            {
              ...base,
              id: uuidv7(),
              kind: 'other_certification' as const,
              title: t.extra.title,
              issuer: t.extra.issuer,
              region: null,
              number: null,
              issuedOn: today.minus({ years: 3 }).toISODate()!,
              expiresOn: null,
              verificationUrl: null,
            },
          ]
        : []),
      ...(t.npi
        ? [
            {
              ...base,
              id: uuidv7(),
              kind: 'npi' as const,
              title: 'National Provider Identifier',
              issuer: 'CMS (NPPES)',
              region: null,
              number: t.npi,
              issuedOn: null,
              expiresOn: null,
              verificationUrl: 'https://npiregistry.cms.hhs.gov/',
            },
          ]
        : []),
    ];
    await db.insert(credentials).values(rows);
    credentialCount += rows.length;
  }
  for (const [i, userId] of therapistUserIds.entries()) {
    const t = HARBOR[i % HARBOR.length]!;
    await profileAndCredentials(clinicId, userId, names.get(userId) ?? `Therapist ${i + 1}`, t);
  }

  // San Luis Obispo: a second demo clinic with everything the directory needs.
  const sloId = uuidv7();
  await db
    .insert(clinics)
    .values({ id: sloId, name: 'Central Coast Medical Massage', timeZone: ZONE, isDemo: true });
  const locationId = uuidv7();
  await db.insert(locations).values({
    clinicId: sloId,
    id: locationId,
    name: 'Downtown SLO',
    addressLine1: '1150 Osos St',
    addressLine2: 'Suite 204',
    city: 'San Luis Obispo',
    region: 'CA',
    postalCode: '93401',
    country: 'US',
    phone: '+1 805 555 0120',
    timeZone: ZONE,
  });
  const sloTherapists: string[] = [];
  const sloOwnerEmail = 'owner@slo.demo.palpa.test';
  for (const person of [{ email: sloOwnerEmail, name: 'Grace Whitfield' }, ...SLO_PEOPLE]) {
    const [found] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${person.email}`);
    const id = found?.id ?? uuidv7();
    if (!found) await db.insert(users).values({ id, email: person.email, displayName: person.name });
    if (person.email === sloOwnerEmail)
      await db.insert(memberships).values({ clinicId: sloId, userId: id, role: 'owner' });
    else {
      await db.insert(memberships).values({ clinicId: sloId, userId: id, role: 'therapist' });
      sloTherapists.push(id);
    }
  }
  await db.insert(clinicProfiles).values({
    clinicId: sloId,
    slug: 'central-coast-medical-massage',
    published: true,
    tagline: 'Queer-owned medical massage in San Luis Obispo',
    about:
      'A small, calm practice downtown. We treat pain and injury with a plan agreed with you and your physician.',
    publicPhone: '+1 805 555 0120',
    acceptsReferrals: true,
    acceptsInsurance: false,
    acceptsAutoAccident: true,
    inclusiveLgbtq: true,
    inclusiveTraumaInformed: true,
    inclusiveAccessible: false,
    inclusiveStatement:
      'A safe, welcoming practice for LGBTQ+ clients: your pronouns are respected and you decide how each session goes. Second floor, no elevator.',
    referralFax: '+1 805 555 0121',
  });
  const serviceRows = [
    {
      id: uuidv7(),
      name: 'Medical massage, 60 min',
      durationMinutes: 60,
      priceCents: 11500,
      kind: 'follow_up' as const,
    },
    {
      id: uuidv7(),
      name: 'Medical massage, 90 min',
      durationMinutes: 90,
      priceCents: 16000,
      kind: 'follow_up' as const,
    },
    {
      id: uuidv7(),
      name: 'First visit with assessment',
      durationMinutes: 75,
      priceCents: 14000,
      kind: 'new_patient' as const,
    },
  ];
  for (const s of serviceRows) {
    await db.insert(services).values({ clinicId: sloId, ...s, bufferAfterMinutes: 15, onlineBookable: true });
    await db
      .insert(serviceTherapists)
      .values(sloTherapists.map((therapistId) => ({ clinicId: sloId, serviceId: s.id, therapistId })));
  }
  const roomIds = [uuidv7(), uuidv7()];
  await db.insert(rooms).values(
    roomIds.map((id, i) => ({
      clinicId: sloId,
      id,
      locationId,
      name: `Room ${i + 1}`,
      equipment: ['table'],
      sortOrder: i,
    })),
  );
  for (const [i, therapistId] of sloTherapists.entries()) {
    const days = i % 2 === 0 ? [1, 2, 3, 4, 5] : [2, 3, 4, 5, 6];
    await db.insert(therapistHours).values(
      days.map((weekday) => ({
        clinicId: sloId,
        id: uuidv7(),
        therapistId,
        locationId,
        weekday,
        startTime: '09:00',
        endTime: '17:00',
      })),
    );
    await db.insert(therapistBreaks).values(
      days.map((weekday) => ({
        clinicId: sloId,
        id: uuidv7(),
        therapistId,
        weekday,
        startTime: '12:30',
        endTime: '13:00',
      })),
    );
    await profileAndCredentials(sloId, therapistId, SLO_PEOPLE[i]!.name, SLO[i]!);
  }

  // Verified reviews: past completed appointments (07:00 local, before anyone's hours) and their reviews.
  let reviewCount = 0;
  async function reviewed(
    cId: string,
    patientId: string,
    therapistId: string,
    serviceId: string,
    roomId: string,
    locId: string,
    daysAgo: number,
    n: number,
  ) {
    const start = today.minus({ days: daysAgo }).set({ hour: 7, minute: 0 }).toJSDate();
    const end = new Date(start.getTime() + 60 * 60_000);
    const appointmentId = uuidv7();
    try {
      await db.insert(appointments).values({
        clinicId: cId,
        id: appointmentId,
        patientId,
        serviceId,
        therapistId,
        roomId,
        locationId: locId,
        startAt: start,
        endAt: end,
        blockedStart: start,
        blockedEnd: end,
        status: 'completed',
        bookedBy: ownerId,
        bookedVia: 'staff',
        completedAt: end,
      });
    } catch {
      return null; // the slot is taken in this demo: skip this review
    }
    const review = REVIEWS[n % REVIEWS.length]!;
    const id = uuidv7();
    await db.insert(reviews).values({
      clinicId: cId,
      id,
      therapistId,
      patientId,
      appointmentId,
      courseKey: `window:${today.minus({ days: daysAgo }).toISODate()}`,
      rating: review.rating,
      body: review.body,
      createdAt: new Date(end.getTime() + 2 * 3_600_000),
    });
    reviewCount++;
    return id;
  }
  // Harbor: its existing demo patients, a room and a service of the clinic.
  const harborPatients = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .orderBy(asc(patients.id))
    .limit(8);
  const [harborService] = await db
    .select()
    .from(services)
    .where(eq(services.clinicId, clinicId))
    .orderBy(asc(services.durationMinutes))
    .limit(1);
  const [harborRoom] = await db.select().from(rooms).where(eq(rooms.clinicId, clinicId)).limit(1);
  const harborReviewIds: string[] = [];
  if (harborService && harborRoom) {
    for (const [i, p] of harborPatients.entries()) {
      const therapistId = therapistUserIds[i % therapistUserIds.length]!;
      const id = await reviewed(
        clinicId,
        p.id,
        therapistId,
        harborService.id,
        harborRoom.id,
        harborRoom.locationId,
        20 + i * 3,
        i,
      );
      if (id) harborReviewIds.push(id);
    }
  }
  if (harborReviewIds[0]) {
    await db.insert(reviewReplies).values({
      clinicId,
      reviewId: harborReviewIds[0],
      body: 'Thank you for trusting us with your recovery. See you at your next visit!',
      authorId: ownerId,
    });
  }
  const reported = harborReviewIds.find((_, i) => REVIEWS[i % REVIEWS.length]!.rating === 3);
  if (reported) {
    await db.insert(reviewReports).values({
      clinicId,
      id: uuidv7(),
      reviewId: reported,
      reason: 'Mentions a delay that was caused by a fire alarm in the building; please review.',
      reportedBy: therapistUserIds[1] ?? ownerId,
    });
  }
  // SLO: three patients, each reviewed one therapist.
  for (const [i, [first, last]] of [
    ['Avery', 'Lindqvist'],
    ['Jordan', 'Batista'],
    ['Sky', 'Moreno'],
  ].entries()) {
    const patientId = uuidv7();
    await db.insert(patients).values({
      clinicId: sloId,
      id: patientId,
      legalFirstName: first!,
      legalLastName: last!,
      dateOfBirth: `198${i}-0${i + 3}-1${i}`,
      email: `${first!.toLowerCase()}@example.test`,
    });
    await reviewed(
      sloId,
      patientId,
      sloTherapists[i]!,
      serviceRows[0]!.id,
      roomIds[0]!,
      locationId,
      10 + i * 4,
      i + 1,
    );
  }
  return {
    clinics: 2,
    therapists: therapistUserIds.length + sloTherapists.length,
    credentials: credentialCount,
    reviews: reviewCount,
  };
}
