import { z } from 'zod';
import { TREATED_CONDITION_IDS } from '../../domain/catalog/conditions.ts';
import { TECHNIQUE_IDS } from '../../domain/catalog/techniques.ts';
import { emailSchema, isoDateTime } from '../../platform/schemas.ts';
import { phoneSchema } from '../patients/schemas.ts';

/** Zod schemas of the public directory, shared by the server and the web app (no server imports). */

export const LANGUAGES = {
  en: 'English',
  es: 'Spanish',
  tl: 'Tagalog',
  vi: 'Vietnamese',
  zh: 'Chinese',
  ko: 'Korean',
  ja: 'Japanese',
  ar: 'Arabic',
  fa: 'Persian',
  hy: 'Armenian',
  ru: 'Russian',
  pt: 'Portuguese',
  fr: 'French',
  de: 'German',
  hi: 'Hindi',
  pa: 'Punjabi',
  ase: 'American Sign Language',
} as const;
export type LanguageCode = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [LanguageCode, ...LanguageCode[]];

export const GENDER_VALUES = ['woman', 'man', 'nonbinary', 'another'] as const;
export const GENDER_LABELS: Record<(typeof GENDER_VALUES)[number], string> = {
  woman: 'Woman',
  man: 'Man',
  nonbinary: 'Non-binary',
  another: 'Another gender',
};
export const INCLUSIVE_VALUES = ['lgbtq', 'trauma_informed', 'accessible'] as const;
export type InclusiveValue = (typeof INCLUSIVE_VALUES)[number];
export const INCLUSIVE_LABELS: Record<InclusiveValue, string> = {
  lgbtq: 'LGBTQ+ welcoming',
  trauma_informed: 'Trauma-informed',
  accessible: 'Accessible premises',
};

export const conditionId = z.enum(TREATED_CONDITION_IDS, {
  message: 'Unknown condition: use an id from the catalog',
});
export const techniqueId = z.enum(TECHNIQUE_IDS, {
  message: 'Unknown technique: use an id from the catalog',
});
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'At least 3 characters')
  .max(80)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'Use lower-case letters, digits and single dashes (e.g. harbor-medical-massage)',
  );

const text = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
const urlSchema = z
  .url({ protocol: /^https?$/, message: 'Use an http(s) address' })
  .max(300)
  .nullable()
  .optional();

export const clinicProfileInput = z.object({
  slug: slugSchema.optional().describe('Generated from the clinic name when omitted'),
  published: z.boolean().default(false),
  tagline: text(160),
  about: text(4000),
  publicPhone: phoneSchema.nullable().optional(),
  publicEmail: emailSchema.nullable().optional().describe('Shown on the public page only when given here'),
  website: urlSchema,
  acceptsReferrals: z.boolean().default(true),
  acceptsInsurance: z.boolean().default(false),
  acceptsAutoAccident: z.boolean().default(false),
  inclusiveLgbtq: z.boolean().default(false),
  inclusiveTraumaInformed: z.boolean().default(false),
  inclusiveAccessible: z.boolean().default(false),
  inclusiveStatement: text(1000),
  referralFax: phoneSchema.nullable().optional(),
  referralEmail: emailSchema.nullable().optional(),
  referralNotes: text(1000),
});
export type ClinicProfileInput = z.infer<typeof clinicProfileInput>;

export const clinicProfile = z.object({
  clinicId: z.uuid(),
  clinicName: z.string(),
  slug: z.string(),
  published: z.boolean(),
  tagline: z.string().nullable(),
  about: z.string().nullable(),
  publicPhone: z.string().nullable(),
  publicEmail: z.string().nullable(),
  website: z.string().nullable(),
  acceptsReferrals: z.boolean(),
  acceptsInsurance: z.boolean(),
  acceptsAutoAccident: z.boolean(),
  inclusiveLgbtq: z.boolean(),
  inclusiveTraumaInformed: z.boolean(),
  inclusiveAccessible: z.boolean(),
  inclusiveStatement: z.string().nullable(),
  referralFax: z.string().nullable(),
  referralEmail: z.string().nullable(),
  referralNotes: z.string().nullable(),
  photoUrl: z.string().nullable(),
  publicUrl: z.string(),
  updatedAt: isoDateTime,
});
export type ClinicProfile = z.infer<typeof clinicProfile>;

export const therapistProfileInput = z.object({
  slug: slugSchema.optional().describe('Generated from the display name when omitted'),
  published: z.boolean().default(false),
  displayName: z.string().trim().min(1, 'Required').max(120),
  postNominals: text(60).describe('e.g. "CMT, BCTMB"'),
  bio: text(4000),
  pronouns: text(40),
  languages: z.array(z.enum(LANGUAGE_CODES)).min(1, 'Pick at least one language').max(10).default(['en']),
  gender: z
    .enum(GENDER_VALUES)
    .nullable()
    .optional()
    .describe('Optional, self-described, for the "gender of therapist" filter'),
  genderDescription: text(60),
  conditions: z.array(conditionId).max(22).default([]).describe('Catalog ids, main focus first'),
  techniques: z.array(techniqueId).max(30).default([]),
  publicEmail: emailSchema.nullable().optional(),
});
export type TherapistProfileInput = z.infer<typeof therapistProfileInput>;

export const therapistProfile = z.object({
  therapistId: z.uuid(),
  accountName: z.string(),
  exists: z.boolean().describe('False until the profile is first saved'),
  slug: z.string().nullable(),
  published: z.boolean(),
  displayName: z.string(),
  postNominals: z.string().nullable(),
  bio: z.string().nullable(),
  pronouns: z.string().nullable(),
  languages: z.array(z.string()),
  gender: z.enum(GENDER_VALUES).nullable(),
  genderDescription: z.string().nullable(),
  conditions: z.array(z.string()),
  techniques: z.array(z.string()),
  publicEmail: z.string().nullable(),
  photoUrl: z.string().nullable(),
  publicUrl: z.string().nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type TherapistProfile = z.infer<typeof therapistProfile>;

export const photoInput = z.object({
  dataBase64: z
    .string()
    .max(700_000, 'The photo is too large: at most 512 KB')
    .regex(/^[A-Za-z0-9+/=\s]+$/, 'Send the image as base64')
    .describe('PNG or JPEG, at most 512 KB; the type is recognised from the bytes'),
  alt: z.string().trim().max(200).optional(),
});

/** The search query of GET /api/directory/search and the /find page. */
export const searchQuery = z.object({
  condition: conditionId.optional(),
  technique: techniqueId.optional(),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'A ZIP code is 5 digits')
    .optional()
    .describe('Sort and filter by distance from this ZIP code (centroid)'),
  distance: z.coerce
    .number({ message: 'Use a number of miles' })
    .int('Use whole miles')
    .min(1, 'At least 1 mile')
    .max(200, 'At most 200 miles')
    .optional()
    .describe('Miles from the ZIP code (default 25 when a ZIP is given)'),
  city: z.string().trim().min(2).max(80).optional().describe('City of a location, e.g. San Luis Obispo'),
  language: z.enum(LANGUAGE_CODES, { message: 'Unknown language code' }).optional(),
  gender: z.enum(GENDER_VALUES).optional(),
  inclusive: z
    .string()
    .regex(
      /^(lgbtq|trauma_informed|accessible)(,(lgbtq|trauma_informed|accessible))*$/,
      'Use lgbtq, trauma_informed and/or accessible, comma-separated',
    )
    .optional()
    .describe('Comma-separated: lgbtq, trauma_informed, accessible (all must hold)'),
  available: z.stringbool().optional().describe('Only therapists with an opening in the next 7 days'),
  page: z.coerce.number().int().min(1).max(50).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchResult = z.object({
  therapistId: z.uuid(),
  clinicId: z.uuid(),
  name: z.string(),
  postNominals: z.string().nullable(),
  pronouns: z.string().nullable(),
  profileUrl: z.string(),
  clinicName: z.string(),
  clinicUrl: z.string(),
  photoUrl: z.string().nullable(),
  languages: z.array(z.string()),
  conditions: z.array(z.string()),
  techniques: z.array(z.string()),
  city: z.string().nullable(),
  distanceMiles: z.number().nullable(),
  nextOpening: z
    .object({ start: isoDateTime, label: z.string() })
    .nullable()
    .describe(
      'Earliest bookable start in the next 7 days (patient booking rules); null when there is none, or briefly while it is being recomputed (the explanation says which)',
    ),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  score: z.number(),
  explanation: z.string(),
  bookUrl: z.string(),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchResponse = z.object({
  items: z.array(searchResult),
  total: z.number().int(),
  page: z.number().int(),
  ranking: z.string().describe('How results are ordered, in one sentence'),
});
