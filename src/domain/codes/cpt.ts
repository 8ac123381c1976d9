/**
 * CPT® codes relevant to medical massage, as listed in the clinical reference §4.1.
 *
 * CPT® is © American Medical Association. The official descriptors are copyrighted and need a licence
 * before Palpa displays them, so `summary` is a plain-language summary written for Palpa, not the AMA text.
 * Codes change every 1 January. Facts marked `verified: false` are NV (not verified) in the reference.
 */

export interface CptCode {
  readonly code: string;
  /** Palpa's own plain-language summary (not the AMA descriptor). */
  readonly summary: string;
  /** Timed codes are billed in 15-minute units under the 8-minute rule; untimed codes are 1 unit per session. */
  readonly timed: boolean;
  readonly unitMinutes: 15 | null;
  /** Medicare payment status indicator when the reference gives one (B = bundled, never paid separately). */
  readonly medicareStatus?: 'B';
  readonly notes: readonly string[];
  /** False when the reference marks the descriptor or timing as not verified (NV). */
  readonly verified: boolean;
  /** Reference keys in docs/clinical-reference (R64 …). */
  readonly sources: readonly string[];
}

const CHIRO_EDIT =
  'NCCI edit against chiropractic manipulation 98940–98942: needs modifier 59 or an X{E,S,P,U} modifier for a distinct service.';

export const CPT_CODES: readonly CptCode[] = [
  {
    code: '97124',
    summary: 'Massage (stroking, kneading, percussion) of one or more areas; per 15 minutes.',
    timed: true,
    unitMinutes: 15,
    notes: [
      CHIRO_EDIT,
      'May be billed in the same region as chiropractic manipulation (unlike 97140).',
      'Whether an NCCI edit applies between 97124 and 97140 billed together is not verified (NV); check the payer’s edits before adding modifier 59.',
    ],
    verified: true,
    sources: ['R64', 'R65', 'R67', 'R75'],
  },
  {
    code: '97140',
    summary:
      'Manual therapy of one or more regions (e.g. soft-tissue or joint mobilisation, manual lymphatic drainage, manual traction); per 15 minutes. Myofascial release and non-injection trigger point work are usually billed here.',
    timed: true,
    unitMinutes: 15,
    notes: [
      CHIRO_EDIT,
      'Must be performed on a different region from chiropractic manipulation on the same day.',
      'Whether an NCCI edit applies between 97124 and 97140 billed together is not verified (NV); check the payer’s edits before adding modifier 59.',
    ],
    verified: true,
    sources: ['R64', 'R66', 'R67', 'R75'],
  },
  {
    code: '97110',
    summary: 'Therapeutic exercise for strength, endurance, range of motion or flexibility; per 15 minutes.',
    timed: true,
    unitMinutes: 15,
    notes: [],
    verified: true,
    sources: ['R68'],
  },
  {
    code: '97112',
    summary:
      'Neuromuscular re-education of movement, balance, coordination, body awareness, posture or proprioception; per 15 minutes.',
    timed: true,
    unitMinutes: 15,
    notes: [CHIRO_EDIT],
    verified: true,
    sources: ['R67', 'R68'],
  },
  {
    code: '97530',
    summary: 'Therapeutic (functional) activities; per 15 minutes.',
    timed: true,
    unitMinutes: 15,
    notes: ['Exact descriptor not verified (NV) in the reference.'],
    verified: false,
    sources: ['R69'],
  },
  {
    code: '97535',
    summary: 'Self-care / home management training; per 15 minutes.',
    timed: true,
    unitMinutes: 15,
    notes: ['Descriptor and timing not verified (NV) in the reference.'],
    verified: false,
    sources: [],
  },
  {
    code: '97010',
    summary: 'Hot or cold pack application to one or more areas (supervised modality).',
    timed: false,
    unitMinutes: null,
    medicareStatus: 'B',
    notes: [
      'Untimed: 1 unit; its minutes do not count toward timed minutes under the 8-minute rule.',
      'Medicare status B (bundled): never paid separately.',
    ],
    verified: true,
    sources: ['R70', 'R71', 'R79'],
  },
];

const BY_CODE: ReadonlyMap<string, CptCode> = new Map(CPT_CODES.map((c) => [c.code, c]));

export function lookupCpt(code: string): CptCode | undefined {
  return BY_CODE.get(code.trim());
}

/** True for the timed (15-minute) codes in the list; `undefined` for codes Palpa does not know. */
export function isTimedCpt(code: string): boolean | undefined {
  return lookupCpt(code)?.timed;
}

/** CPT codes are five characters: five digits (Category I) or four digits and F/T/U (II, III, PLA). */
export function validateCptFormat(code: string): boolean {
  return /^[0-9]{4}[0-9FTU]$/.test(code);
}
