/**
 * Session-note templates per condition: a starting point the therapist edits, never a record of what was
 * done. Reviewable data: techniques and regions are catalog ids; one-sided templates are written for the
 * right side and mirrored when the note asks for the left (`templateSide`). Minutes are typical for a
 * 60-minute session and are meant to be corrected to what was actually given.
 */
import type { NoteContent } from './schemas.ts';

export interface NoteTemplate {
  readonly id: string;
  readonly name: string;
  readonly condition: string;
  readonly sided: boolean;
  readonly suggestedInstruments: readonly string[];
  readonly content: NoteContent;
}

export const NOTE_TEMPLATES: readonly NoteTemplate[] = [
  {
    id: 'low-back-pain',
    name: 'Low back pain',
    condition: 'low-back-pain',
    sided: false,
    suggestedInstruments: ['nprs', 'odi', 'psfs'],
    content: {
      objective: { findings: 'Hypertonic lumbar paraspinals and quadratus lumborum; tender on palpation.' },
      treatment: {
        rows: [
          { techniqueId: 'hot-therapy', region: 'low-back', minutes: 10 },
          { techniqueId: 'myofascial-release', region: 'low-back', minutes: 15, pressure: 'moderate' },
          { techniqueId: 'trigger-point-therapy', region: 'gluteal-right', minutes: 10, pressure: 'firm' },
          { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 10, pressure: 'moderate' },
        ],
        position: ['prone', 'side-lying-left'],
      },
      plan: {
        nextFocus: 'Lumbar paraspinals and gluteals',
        homeCareChanges: 'Knee-to-chest and pelvic tilts',
      },
    },
  },
  {
    id: 'neck-pain',
    name: 'Neck pain',
    condition: 'neck-pain',
    sided: false,
    suggestedInstruments: ['nprs', 'ndi', 'psfs'],
    content: {
      objective: { findings: 'Elevated, tender upper trapezius; limited cervical rotation.' },
      treatment: {
        rows: [
          { techniqueId: 'myofascial-release', region: 'neck-posterior', minutes: 15, pressure: 'moderate' },
          {
            techniqueId: 'trigger-point-therapy',
            region: 'upper-trapezius-right',
            minutes: 8,
            pressure: 'firm',
          },
          {
            techniqueId: 'trigger-point-therapy',
            region: 'upper-trapezius-left',
            minutes: 7,
            pressure: 'firm',
          },
          { techniqueId: 'stretching', region: 'neck-posterior', minutes: 10, pressure: 'moderate' },
        ],
        position: ['supine', 'prone'],
      },
      plan: {
        nextFocus: 'Upper trapezius and suboccipitals',
        homeCareChanges: 'Upper trapezius stretch, chin tucks',
      },
    },
  },
  {
    id: 'sciatica',
    name: 'Sciatica',
    condition: 'sciatica',
    sided: true,
    suggestedInstruments: ['nprs', 'odi', 'lefs'],
    content: {
      objective: { findings: 'Tender piriformis; symptoms down the posterior thigh on sustained pressure.' },
      treatment: {
        rows: [
          { techniqueId: 'myofascial-release', region: 'low-back', minutes: 10, pressure: 'moderate' },
          { techniqueId: 'positional-release', region: 'gluteal-right', minutes: 15, pressure: 'light' },
          {
            techniqueId: 'swedish-massage',
            region: 'thigh-posterior-right',
            minutes: 10,
            pressure: 'moderate',
          },
          { techniqueId: 'stretching', region: 'hip-right', minutes: 8, pressure: 'moderate' },
        ],
        position: ['side-lying-left', 'prone'],
      },
      plan: { nextFocus: 'Gluteals and hip rotators', homeCareChanges: 'Piriformis stretch' },
    },
  },
  {
    id: 'carpal-tunnel',
    name: 'Carpal tunnel syndrome',
    condition: 'carpal-tunnel',
    sided: true,
    suggestedInstruments: ['bctq', 'quickdash', 'nprs'],
    content: {
      objective: { findings: 'Tight forearm flexors; tingling in the thumb and first two fingers.' },
      treatment: {
        rows: [
          { techniqueId: 'myofascial-release', region: 'forearm-right', minutes: 12, pressure: 'moderate' },
          {
            techniqueId: 'soft-tissue-mobilisation',
            region: 'wrist-right',
            minutes: 10,
            pressure: 'moderate',
          },
          { techniqueId: 'trigger-point-therapy', region: 'upper-arm-right', minutes: 8, pressure: 'firm' },
        ],
        position: ['supine', 'seated'],
      },
      plan: {
        nextFocus: 'Forearm flexors and carpal ligament',
        homeCareChanges: 'Wrist flexor stretch, median nerve glides',
      },
    },
  },
  {
    id: 'tmj',
    name: 'TMJ dysfunction',
    condition: 'tmj',
    sided: false,
    suggestedInstruments: ['nprs', 'psfs'],
    content: {
      objective: { findings: 'Tender masseter and temporalis; deviation on opening.' },
      treatment: {
        rows: [
          { techniqueId: 'trigger-point-therapy', region: 'jaw-right', minutes: 8, pressure: 'moderate' },
          { techniqueId: 'trigger-point-therapy', region: 'jaw-left', minutes: 8, pressure: 'moderate' },
          { techniqueId: 'myofascial-release', region: 'neck-anterior', minutes: 8, pressure: 'light' },
          { techniqueId: 'swedish-massage', region: 'neck-posterior', minutes: 10, pressure: 'moderate' },
        ],
        position: ['supine'],
      },
      plan: { nextFocus: 'Masseter, temporalis, suboccipitals', homeCareChanges: 'Jaw relaxation' },
    },
  },
  {
    id: 'tension-headache',
    name: 'Tension-type headache',
    condition: 'tension-headache',
    sided: false,
    suggestedInstruments: ['hit6', 'nprs'],
    content: {
      objective: { findings: 'Suboccipital and upper trapezius trigger points referring to the temples.' },
      treatment: {
        rows: [
          { techniqueId: 'trigger-point-therapy', region: 'neck-posterior', minutes: 12, pressure: 'firm' },
          {
            techniqueId: 'myofascial-release',
            region: 'upper-trapezius-right',
            minutes: 8,
            pressure: 'moderate',
          },
          {
            techniqueId: 'myofascial-release',
            region: 'upper-trapezius-left',
            minutes: 8,
            pressure: 'moderate',
          },
          { techniqueId: 'swedish-massage', region: 'head', minutes: 10, pressure: 'light' },
        ],
        position: ['supine', 'prone'],
      },
      plan: {
        nextFocus: 'Suboccipitals and upper trapezius',
        homeCareChanges: 'Chin tucks, movement breaks',
      },
    },
  },
  {
    id: 'plantar-fasciitis',
    name: 'Plantar fasciitis',
    condition: 'plantar-fasciitis',
    sided: true,
    suggestedInstruments: ['lefs', 'nprs'],
    content: {
      objective: { findings: 'Tender medial heel; tight gastrocnemius and soleus.' },
      treatment: {
        rows: [
          { techniqueId: 'deep-tissue-massage', region: 'calf-right', minutes: 12, pressure: 'firm' },
          { techniqueId: 'cross-fiber-friction', region: 'foot-right', minutes: 8, pressure: 'firm' },
          { techniqueId: 'stretching', region: 'ankle-right', minutes: 8, pressure: 'moderate' },
          { techniqueId: 'cold-therapy', region: 'foot-right', minutes: 10 },
        ],
        position: ['prone'],
      },
      plan: {
        nextFocus: 'Calf and plantar fascia',
        homeCareChanges: 'Calf stretch, rolling the sole of the foot',
      },
    },
  },
  {
    id: 'lymphoedema',
    name: 'Lymphoedema',
    condition: 'lymphoedema',
    sided: true,
    suggestedInstruments: ['quickdash', 'lefs'],
    content: {
      objective: { findings: 'Pitting oedema; skin intact; no redness or heat.' },
      treatment: {
        rows: [
          {
            techniqueId: 'manual-lymphatic-drainage',
            region: 'neck-anterior',
            minutes: 8,
            pressure: 'light',
          },
          {
            techniqueId: 'manual-lymphatic-drainage',
            region: 'axilla-right',
            minutes: 10,
            pressure: 'light',
          },
          {
            techniqueId: 'manual-lymphatic-drainage',
            region: 'upper-arm-right',
            minutes: 15,
            pressure: 'light',
          },
          {
            techniqueId: 'manual-lymphatic-drainage',
            region: 'forearm-right',
            minutes: 12,
            pressure: 'light',
          },
        ],
        position: ['supine'],
      },
      plan: {
        nextFocus: 'Proximal clearing, then the limb',
        homeCareChanges: 'Elevation with pumps; compression as prescribed',
      },
    },
  },
];

const mirror = (region: string) =>
  region.endsWith('-right')
    ? `${region.slice(0, -6)}-left`
    : region.endsWith('-left')
      ? `${region.slice(0, -5)}-right`
      : region;
const mirrorPosition = (p: string) =>
  p === 'side-lying-left' ? 'side-lying-right' : p === 'side-lying-right' ? 'side-lying-left' : p;

export function getTemplate(id: string): NoteTemplate | undefined {
  return NOTE_TEMPLATES.find((t) => t.id === id);
}

/** The template's content, mirrored to the left side when asked (one-sided templates only). */
export function templateContent(template: NoteTemplate, side: 'left' | 'right' = 'right'): NoteContent {
  const content = structuredClone(template.content) as NoteContent;
  if (!template.sided || side === 'right' || !content.treatment) return content;
  content.treatment.rows = content.treatment.rows?.map((r) => ({
    ...r,
    region: mirror(r.region) as typeof r.region,
  }));
  content.treatment.position = content.treatment.position?.map(
    (p) => mirrorPosition(p) as (typeof content.treatment.position & object)[number],
  );
  return content;
}
