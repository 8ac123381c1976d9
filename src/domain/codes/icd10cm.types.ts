/**
 * Types for Palpa's curated ICD-10-CM subset. The data lives in `icd10cm.data.ts`.
 */

/** Side of the body a code states. `null`: the code has no laterality axis (e.g. M54.2 cervicalgia). */
export type Laterality = 'left' | 'right' | 'bilateral' | 'unspecified' | null;

/** 7th character of injury codes (S…): A initial encounter, D subsequent encounter, S sequela. */
export type Encounter = 'A' | 'D' | 'S';

export const ENCOUNTER_LABELS: Readonly<Record<Encounter, string>> = {
  A: 'initial encounter',
  D: 'subsequent encounter',
  S: 'sequela',
};

/** Browsing groups. They are Palpa's own grouping, not ICD-10-CM chapters. */
export const ICD10_FAMILIES = {
  'back-neck-pain': 'Back and neck pain (dorsalgia, radiculopathy, sciatica)',
  'spine-disc': 'Intervertebral disc disorders',
  'spine-degenerative': 'Spondylosis, stenosis and other dorsopathies',
  'spine-deformity': 'Posture, kyphosis, scoliosis, torticollis',
  'muscle-soft-tissue': 'Myalgia, fibromyalgia, spasm and other soft-tissue disorders',
  'limb-pain': 'Pain in limb, hand, foot',
  'joint-pain-stiffness': 'Joint pain, stiffness and contracture',
  osteoarthritis: 'Osteoarthritis (hip, knee, shoulder)',
  shoulder: 'Shoulder lesions (frozen shoulder, rotator cuff, impingement, bursitis)',
  'tendon-enthesopathy': 'Tendinitis and enthesopathies (elbow, hip, knee, ankle, foot)',
  'synovium-tendon': 'Trigger finger, De Quervain, tenosynovitis',
  bursitis: 'Bursitis and bursopathy',
  fascia: 'Fascial disorders (plantar fasciitis, Dupuytren)',
  knee: 'Knee disorders (patellofemoral)',
  'nerve-entrapment': 'Nerve entrapment and neuralgia (carpal tunnel, sciatic nerve, thoracic outlet)',
  tmj: 'Temporomandibular joint disorders',
  headache: 'Headache and migraine',
  'chronic-pain': 'Pain not elsewhere classified (G89), CRPS',
  'chest-wall': 'Chest wall (costochondritis, intercostal pain)',
  injury: 'Sprains and strains (with 7th character)',
  aftercare: 'Aftercare and post-surgical states',
  'lymphatic-oedema': 'Lymphoedema and oedema',
  'signs-symptoms': 'Signs and symptoms (posture, cramp, paraesthesia)',
  'skin-scar': 'Scar tissue',
} as const;

export type Icd10Family = keyof typeof ICD10_FAMILIES;

export interface Icd10Entry {
  /** With the dot, upper case, e.g. `M54.50`, `S13.4XXA`. */
  readonly code: string;
  /** Short description in plain words (close to, not always identical with, the CMS short title). */
  readonly description: string;
  /** True when the code is a complete (leaf) code valid on a claim; false for category/subcategory headers. */
  readonly billable: boolean;
  readonly laterality: Laterality;
  readonly family: Icd10Family;
  /** Only for codes with an encounter 7th character. */
  readonly encounter?: Encounter;
  /** Extra search words (lay terms, British spelling): "whiplash", "frozen shoulder", "lymphoedema". */
  readonly keywords?: readonly string[];
}
