/**
 * Technique (modality) catalog. IDs are stable: they are stored in session notes and plans.
 *
 * `safetyTags` link a technique to the contraindication rules in `src/domain/safety/rules.ts`.
 * `cpt` is the code the technique is *usually* billed under according to the clinical reference
 * (docs: /work/shared/domain/clinical-reference.md §4.1). `cptBasis` says why; entries marked NV
 * are not stated by the reference and must be checked against the payer contract.
 */

export const SAFETY_TAGS = [
  'deep-tissue',
  'trigger-point',
  'neuromuscular',
  'myofascial-release',
  'sports-percussion',
  'stretching-mobilisation',
  'positional-release',
  'lymphatic-drainage',
  'heat',
  'cold',
  'relaxation-swedish',
] as const;
export type SafetyTag = (typeof SAFETY_TAGS)[number];

export const SAFETY_TAG_LABELS: Readonly<Record<SafetyTag, string>> = {
  'deep-tissue': 'deep tissue work',
  'trigger-point': 'trigger point pressure',
  neuromuscular: 'neuromuscular therapy',
  'myofascial-release': 'myofascial release',
  'sports-percussion': 'sports massage and percussion',
  'stretching-mobilisation': 'stretching and joint mobilisation',
  'positional-release': 'positional release',
  'lymphatic-drainage': 'lymphatic drainage',
  heat: 'heat',
  cold: 'cold',
  'relaxation-swedish': 'Swedish (relaxation) massage',
};

/** Ordered from none to deepest; `none` is for modalities without manual pressure (hot/cold packs). */
export const PRESSURE_DEPTHS = ['none', 'light', 'moderate', 'firm', 'deep'] as const;
export type PressureDepth = (typeof PRESSURE_DEPTHS)[number];

export function pressureRank(depth: PressureDepth): number {
  return PRESSURE_DEPTHS.indexOf(depth);
}

/** Pressure assumed when a proposal names only a safety tag and no pressure. */
export const TAG_DEFAULT_PRESSURE: Readonly<Record<SafetyTag, PressureDepth>> = {
  'deep-tissue': 'deep',
  'trigger-point': 'firm',
  neuromuscular: 'firm',
  'myofascial-release': 'moderate',
  'sports-percussion': 'firm',
  'stretching-mobilisation': 'moderate',
  'positional-release': 'light',
  'lymphatic-drainage': 'light',
  heat: 'none',
  cold: 'none',
  'relaxation-swedish': 'moderate',
};

/** 97124 massage, 97140 manual therapy, 97010 hot/cold packs (untimed, Medicare status B = bundled). */
export type CptCode = '97124' | '97140' | '97010';

export const TECHNIQUE_IDS = [
  'swedish-massage',
  'deep-tissue-massage',
  'myofascial-release',
  'trigger-point-therapy',
  'neuromuscular-therapy',
  'manual-lymphatic-drainage',
  'sports-massage',
  'connective-tissue-massage',
  'stretching',
  'positional-release',
  'reflexology',
  'hot-therapy',
  'cold-therapy',
  'joint-mobilisation',
  'osteopathic-soft-tissue',
  'neuro-fascial-technique',
  'acupressure',
  'percussion-vibration',
  'cross-fiber-friction',
  'scar-tissue-mobilisation',
  'soft-tissue-mobilisation',
  'manual-traction',
] as const;
export type TechniqueId = (typeof TECHNIQUE_IDS)[number];

export interface Technique {
  readonly id: TechniqueId;
  readonly name: string;
  /** Plain-language description a patient understands. */
  readonly description: string;
  readonly safetyTags: readonly SafetyTag[];
  readonly defaultPressure: PressureDepth;
  readonly cpt: CptCode;
  /** Why this code; reference keys, or NV when the reference does not say. */
  readonly cptBasis: string;
  /** True when billed untimed (one unit, not counted toward the 8-minute rule). */
  readonly untimed: boolean;
  /** True when Medicare bundles it (status B: never paid separately). */
  readonly bundled: boolean;
}

const MASSAGE = '97124: massage including effleurage, petrissage and/or tapotement [R64][R65]';
const MANUAL = '97140: manual therapy, CPT Assistant lists soft-tissue mobilisation/manipulation [R64][R66]';
const MODALITY =
  '97010: hot or cold packs; untimed, Medicare status B (bundled, never paid separately) [R70][R71]';

function timed(
  id: TechniqueId,
  name: string,
  description: string,
  safetyTags: readonly SafetyTag[],
  defaultPressure: PressureDepth,
  cpt: '97124' | '97140',
  cptBasis: string,
): Technique {
  return {
    id,
    name,
    description,
    safetyTags,
    defaultPressure,
    cpt,
    cptBasis,
    untimed: false,
    bundled: false,
  };
}

export const TECHNIQUES: readonly Technique[] = [
  timed(
    'swedish-massage',
    'Swedish (relaxation) massage',
    'Long gliding strokes, kneading and gentle rhythmic tapping that relax muscles and ease general tension.',
    ['relaxation-swedish'],
    'moderate',
    '97124',
    MASSAGE,
  ),
  timed(
    'deep-tissue-massage',
    'Deep tissue massage',
    'Slow, firm pressure that reaches the deeper layers of muscle to ease long-standing tightness and adhesions.',
    ['deep-tissue'],
    'deep',
    '97124',
    `${MASSAGE}; the reference does not name deep tissue work explicitly (NV)`,
  ),
  timed(
    'myofascial-release',
    'Myofascial release',
    'Gentle, sustained stretching pressure on the fascia (the thin wrapping around muscles) to free restrictions and improve movement.',
    ['myofascial-release'],
    'moderate',
    '97140',
    '97140: myofascial release is usually billed as manual therapy [R67, S]',
  ),
  timed(
    'trigger-point-therapy',
    'Trigger point therapy',
    'Steady pressure on tight knots in a muscle that send pain elsewhere, until the knot softens.',
    ['trigger-point'],
    'firm',
    '97140',
    '97140: non-injection trigger point therapy is usually billed as manual therapy [R67, S]',
  ),
  timed(
    'neuromuscular-therapy',
    'Neuromuscular therapy',
    'Focused pressure on specific muscles and trigger points to correct posture-related strain and nerve irritation.',
    ['neuromuscular', 'trigger-point'],
    'firm',
    '97140',
    `${MANUAL}; NMT itself is not named by the reference (NV). Not 97112, which is movement re-education`,
  ),
  timed(
    'manual-lymphatic-drainage',
    'Manual lymphatic drainage',
    'Very light, slow, rhythmic skin-stretching strokes that help lymph fluid drain and reduce swelling.',
    ['lymphatic-drainage'],
    'light',
    '97140',
    '97140: manual lymphatic drainage is named in the manual therapy descriptor [R64][R66]',
  ),
  timed(
    'sports-massage',
    'Sports massage',
    'Brisk massage with deeper pressure, tapping and stretching, aimed at training, performance and recovery from sports strain.',
    ['sports-percussion', 'deep-tissue', 'stretching-mobilisation'],
    'firm',
    '97124',
    `${MASSAGE}; sports massage itself is not named by the reference (NV)`,
  ),
  timed(
    'connective-tissue-massage',
    'Connective tissue massage',
    'Hooking, pulling strokes on the skin and the tissue beneath it to loosen tight connective tissue.',
    ['myofascial-release'],
    'moderate',
    '97140',
    '97140: CPT Assistant lists connective tissue massage under manual therapy [R64]',
  ),
  timed(
    'stretching',
    'Assisted stretching',
    'The therapist gently moves and holds your limb to lengthen tight muscles and improve range of motion.',
    ['stretching-mobilisation'],
    'moderate',
    '97140',
    '97140: passive range of motion is listed under manual therapy [R64]. Active stretching exercise is 97110 [R68]',
  ),
  timed(
    'positional-release',
    'Positional release',
    'The therapist places the body in a comfortable, relaxed position and holds it so a tight, tender muscle can let go.',
    ['positional-release'],
    'light',
    '97140',
    `${MANUAL}; positional release is not named by the reference (NV)`,
  ),
  timed(
    'reflexology',
    'Reflex techniques (reflexology)',
    'Thumb and finger pressure on points of the feet, hands or ears that are thought to relate to other parts of the body.',
    ['relaxation-swedish'],
    'moderate',
    '97124',
    `${MASSAGE} (compression); reflexology is not named by the reference and many payers do not cover it (NV)`,
  ),
  {
    id: 'hot-therapy',
    name: 'Hot therapy (hot packs)',
    description: 'Warm packs placed on an area to relax muscles and ease stiffness before or during massage.',
    safetyTags: ['heat'],
    defaultPressure: 'none',
    cpt: '97010',
    cptBasis: MODALITY,
    untimed: true,
    bundled: true,
  },
  {
    id: 'cold-therapy',
    name: 'Cold therapy (ice packs)',
    description: 'Cold packs placed on an area to calm pain, swelling and fresh irritation.',
    safetyTags: ['cold'],
    defaultPressure: 'none',
    cpt: '97010',
    cptBasis: MODALITY,
    untimed: true,
    bundled: true,
  },
  timed(
    'joint-mobilisation',
    'Motion technique (joint mobilisation)',
    'Slow, controlled movements of a joint through its range to loosen stiffness and restore motion.',
    ['stretching-mobilisation'],
    'moderate',
    '97140',
    '97140: joint mobilisation is listed under manual therapy [R64][R66]',
  ),
  timed(
    'osteopathic-soft-tissue',
    'Osteopathic-style soft tissue technique',
    'Rhythmic stretching and kneading of muscles across their length, often combined with gentle joint movement.',
    ['myofascial-release', 'stretching-mobilisation'],
    'firm',
    '97140',
    `${MANUAL}; the osteopathic style is not named by the reference (NV)`,
  ),
  timed(
    'neuro-fascial-technique',
    'Neuro-fascial technique',
    'Gentle work on the fascia around nerves and muscles to ease nerve-related tightness and tingling.',
    ['myofascial-release', 'neuromuscular'],
    'moderate',
    '97140',
    `${MANUAL}; neuro-fascial technique is not named by the reference (NV)`,
  ),
  timed(
    'acupressure',
    'Oriental techniques (acupressure)',
    'Finger and thumb pressure on traditional points along the body, drawn from Asian massage traditions such as shiatsu and tui na.',
    ['trigger-point'],
    'firm',
    '97124',
    `${MASSAGE} (compression); acupressure is not named by the reference (NV)`,
  ),
  timed(
    'percussion-vibration',
    'Percussion and vibration',
    'Quick rhythmic tapping, cupping or shaking of the muscles to stimulate and loosen them.',
    ['sports-percussion'],
    'firm',
    '97124',
    '97124: tapotement (percussion) is named in the massage descriptor [R64][R65]',
  ),
  timed(
    'cross-fiber-friction',
    'Cross-fiber friction',
    'Firm back-and-forth strokes across a tendon or muscle fibre to break down adhesions and help it heal in line.',
    ['deep-tissue'],
    'deep',
    '97140',
    `${MANUAL}; cross-fiber friction is not named by the reference (NV)`,
  ),
  timed(
    'scar-tissue-mobilisation',
    'Scar tissue mobilisation',
    'Gentle stretching and lifting of a healed scar and the skin around it so it moves freely and feels less tight.',
    ['myofascial-release'],
    'moderate',
    '97140',
    MANUAL,
  ),
  timed(
    'soft-tissue-mobilisation',
    'Hand manipulation (soft tissue mobilisation)',
    'Hands-on kneading, pressing and stretching of a specific injured muscle or tendon to restore its movement.',
    ['deep-tissue', 'myofascial-release'],
    'firm',
    '97140',
    MANUAL,
  ),
  timed(
    'manual-traction',
    'Manual traction',
    'A gentle, steady pull on the neck or a limb to ease pressure on joints and nerves.',
    ['stretching-mobilisation'],
    'moderate',
    '97140',
    '97140: manual traction is named in the manual therapy descriptor [R64][R66]',
  ),
];

const techniqueById = new Map<string, Technique>(TECHNIQUES.map((t) => [t.id, t]));

export function isTechniqueId(value: string): value is TechniqueId {
  return techniqueById.has(value);
}

export function isSafetyTag(value: string): value is SafetyTag {
  return (SAFETY_TAGS as readonly string[]).includes(value);
}

export function getTechnique(id: TechniqueId): Technique {
  const technique = techniqueById.get(id);
  if (!technique) throw new Error(`Unknown technique: ${id}`);
  return technique;
}

/** Techniques carrying a given safety tag. */
export function techniquesWithTag(tag: SafetyTag): Technique[] {
  return TECHNIQUES.filter((t) => t.safetyTags.includes(tag));
}
