/**
 * Conditions a medical massage clinic treats, for the public directory and for referral intake.
 * IDs are stable. `icd10` lists example codes from the clinical reference §4.3 (FY2026; check every
 * 1 October). They are hints for the referral form, not a coding decision: the LMT cannot diagnose.
 * A trailing '-' marks a category that needs more characters. Entries without codes in the reference
 * have an empty list.
 */

export const TREATED_CONDITION_IDS = [
  'chronic-back-pain',
  'neck-pain',
  'sciatica',
  'nerve-compression',
  'tendinitis',
  'bursitis',
  'carpal-tunnel-syndrome',
  'fibromyalgia',
  'tmj-dysfunction',
  'migraine',
  'tension-headache',
  'sports-injury',
  'post-operative-recovery',
  'plantar-fasciitis',
  'lymphoedema',
  'arthritis',
  'myofascial-pain',
  'whiplash',
  'repetitive-strain',
  'postural-strain',
  'scar-tissue',
  'muscle-tension',
] as const;
export type TreatedConditionId = (typeof TREATED_CONDITION_IDS)[number];

export interface TreatedCondition {
  readonly id: TreatedConditionId;
  readonly label: string;
  /** One sentence for the public directory. */
  readonly summary: string;
  readonly icd10: readonly string[];
}

export const TREATED_CONDITIONS: readonly TreatedCondition[] = [
  {
    id: 'chronic-back-pain',
    label: 'Chronic back pain',
    summary: 'Long-standing pain and stiffness in the low or mid back.',
    icd10: ['M54.50', 'M54.51', 'M54.59'],
  },
  {
    id: 'neck-pain',
    label: 'Chronic neck pain',
    summary: 'Ongoing neck pain and stiffness, often with tight shoulders.',
    icd10: ['M54.2'],
  },
  {
    id: 'sciatica',
    label: 'Sciatica',
    summary: 'Pain running from the low back or buttock down the leg.',
    icd10: ['M54.30', 'M54.31', 'M54.32', 'M54.40', 'M54.41', 'M54.42'],
  },
  {
    id: 'nerve-compression',
    label: 'Nerve compression',
    summary: 'Tingling, numbness or pain from a nerve squeezed by tight tissue.',
    icd10: [],
  },
  {
    id: 'tendinitis',
    label: 'Tendinitis',
    summary: 'Irritated, painful tendons from overuse, such as at the shoulder, elbow or heel.',
    icd10: ['M77.9', 'M75.2-', 'M75.3-', 'M76.6-'],
  },
  {
    id: 'bursitis',
    label: 'Bursitis',
    summary: 'Painful swelling of the small fluid sacs that cushion joints, such as at the hip.',
    icd10: ['M71.9', 'M70.60', 'M70.61', 'M70.62'],
  },
  {
    id: 'carpal-tunnel-syndrome',
    label: 'Carpal tunnel syndrome',
    summary: 'Numbness, tingling and weakness in the hand from a pinched nerve at the wrist.',
    icd10: ['G56.00', 'G56.01', 'G56.02', 'G56.03'],
  },
  {
    id: 'fibromyalgia',
    label: 'Fibromyalgia',
    summary: 'Widespread muscle pain and tenderness with fatigue.',
    icd10: ['M79.7'],
  },
  {
    id: 'tmj-dysfunction',
    label: 'TMJ dysfunction',
    summary: 'Jaw pain, clicking or limited opening at the jaw joint.',
    icd10: ['M26.601', 'M26.602', 'M26.603', 'M26.609', 'M79.11'],
  },
  {
    id: 'migraine',
    label: 'Migraines',
    summary: 'Recurring severe headaches, often on one side and with sensitivity to light.',
    icd10: ['G43.909', 'G43.009', 'G43.709'],
  },
  {
    id: 'tension-headache',
    label: 'Tension headaches',
    summary: 'Band-like headaches linked to tight neck, shoulder and scalp muscles.',
    icd10: ['G44.209', 'G44.219', 'G44.229'],
  },
  {
    id: 'sports-injury',
    label: 'Sports injuries',
    summary: 'Strains, sprains and overuse injuries from training and competition.',
    icd10: [],
  },
  {
    id: 'post-operative-recovery',
    label: 'Post-operative recovery',
    summary: 'Regaining movement and easing scar tightness after surgery, once the surgeon agrees.',
    icd10: ['Z47.1', 'Z47.89', 'Z48.89'],
  },
  {
    id: 'plantar-fasciitis',
    label: 'Plantar fasciitis',
    summary: 'Heel and arch pain from an irritated band of tissue under the foot.',
    icd10: ['M72.2'],
  },
  {
    id: 'lymphoedema',
    label: 'Lymphoedema',
    summary: 'Swelling from lymph fluid that does not drain well, for example after cancer treatment.',
    icd10: ['I89.0', 'I97.2'],
  },
  {
    id: 'arthritis',
    label: 'Arthritis',
    summary: 'Joint pain and stiffness, eased by relaxing the surrounding muscles.',
    icd10: [],
  },
  {
    id: 'myofascial-pain',
    label: 'Myofascial pain and muscle knots',
    summary: 'Tender knots in muscles that cause local or referred pain.',
    icd10: ['M79.10', 'M79.11', 'M79.12', 'M79.18'],
  },
  {
    id: 'whiplash',
    label: 'Whiplash and car-accident injuries',
    summary: 'Neck and upper back strain after a sudden jolt, such as a car accident.',
    icd10: ['S13.4XXA', 'S13.4XXD', 'S13.4XXS'],
  },
  {
    id: 'repetitive-strain',
    label: 'Repetitive strain',
    summary: 'Pain and tightness from repeating the same movement at work or play.',
    icd10: [],
  },
  {
    id: 'postural-strain',
    label: 'Postural strain',
    summary: 'Aches from long hours sitting or standing, such as desk-work neck and back pain.',
    icd10: [],
  },
  {
    id: 'scar-tissue',
    label: 'Scar tissue and adhesions',
    summary: 'Tight, thickened tissue after injury or surgery that limits movement.',
    icd10: [],
  },
  {
    id: 'muscle-tension',
    label: 'Muscle tension and stress',
    summary: 'General muscle tightness and stress that affect sleep and mood.',
    icd10: [],
  },
];

const conditionById = new Map<string, TreatedCondition>(TREATED_CONDITIONS.map((c) => [c.id, c]));

export function isTreatedConditionId(value: string): value is TreatedConditionId {
  return conditionById.has(value);
}

export function getTreatedCondition(id: TreatedConditionId): TreatedCondition {
  const condition = conditionById.get(id);
  if (!condition) throw new Error(`Unknown treated condition: ${id}`);
  return condition;
}
