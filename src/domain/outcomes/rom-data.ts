// Normal active range of motion, adult reference values (clinical reference §2). Every value names its
// source. ROM varies by age and sex and often differs from the common norms (CDC, Soucie 2011 [R36]).
import type { SourceKey } from './types.ts';

export type RomUnit = 'deg' | 'mm';

export interface RomValue {
  /** Value used by percentOfNormal/romStatus; for a published range this is its lower bound. */
  readonly normal: number;
  readonly range?: { readonly min: number; readonly max: number };
  readonly source: string;
  readonly sourceKey: SourceKey;
  /**
   * From a secondary or low-authority source (S in the reference). `source` says so in words ("from a copy",
   * "commonly cited"), not with the reference's mark, which means nothing to the therapist reading it.
   */
  readonly secondary: boolean;
  readonly note?: string;
}

export interface RomNormSpec {
  readonly joint: string;
  readonly motion: string;
  readonly unit: RomUnit;
  /** Measured on each side separately (lateral flexion and rotation of the spine). */
  readonly perSide: boolean;
  /** values[0] is the default. */
  readonly values: readonly RomValue[];
  /** TMJ: opening below `lowerLimit` is limited, below `impairedBelow` impaired. */
  readonly thresholds?: {
    readonly lowerLimit: RomValue;
    readonly impairedBelow: RomValue;
  };
}

const va = (normal: number): RomValue => ({
  normal,
  source: '38 CFR 4.71a (VA)',
  sourceKey: 'R37',
  secondary: false,
});
const plate = (plateNo: 'I' | 'II', normal: number): RomValue => ({
  normal,
  // Plain words for the therapist; the note names the plate for whoever checks it.
  source: 'VA reference chart (from a copy)',
  sourceKey: 'R42',
  secondary: true,
  note: `Taken from a reproduced copy of VA plate ${plateNo}; check against 38 CFR 4.71 before relying on it.`,
});
const secondary = (
  normal: number,
  source: string,
  sourceKey: SourceKey,
  range?: { min: number; max: number },
  note?: string,
): RomValue => ({
  normal,
  source,
  sourceKey,
  secondary: true,
  ...(range !== undefined ? { range } : {}),
  ...(note !== undefined ? { note } : {}),
});
const muscolino = (normal: number) => secondary(normal, 'Muscolino', 'R38');
const common = (normal: number) => secondary(normal, 'Commonly cited', 'R39');
const magee = (min: number, max: number, note?: string) =>
  secondary(min, 'Magee (as cited)', 'R39', { min, max }, note);
const aaos = (normal: number) => secondary(normal, 'AAOS (as cited)', 'R43');

const norm = (
  joint: string,
  motion: string,
  values: readonly RomValue[],
  perSide = false,
  unit: RomUnit = 'deg',
): RomNormSpec => ({ joint, motion, unit, perSide, values });

export const ROM_NORMS = {
  'cervical.flexion': norm('cervical spine', 'flexion', [va(45), muscolino(50)]),
  'cervical.extension': norm('cervical spine', 'extension', [va(45), muscolino(80)]),
  'cervical.lateral-flexion': norm('cervical spine', 'lateral flexion', [va(45), muscolino(45)], true),
  'cervical.rotation': norm('cervical spine', 'rotation', [va(80), muscolino(80)], true),
  'thoracolumbar.flexion': norm('thoracolumbar spine', 'flexion', [va(90)]),
  'thoracolumbar.extension': norm('thoracolumbar spine', 'extension', [va(30)]),
  'thoracolumbar.lateral-flexion': norm('thoracolumbar spine', 'lateral flexion', [va(30)], true),
  'thoracolumbar.rotation': norm('thoracolumbar spine', 'rotation', [va(30)], true),
  'lumbar.flexion': norm('lumbar spine', 'flexion', [common(60), magee(40, 60)]),
  'lumbar.extension': norm('lumbar spine', 'extension', [common(25), magee(20, 35)]),
  'lumbar.lateral-flexion': norm(
    'lumbar spine',
    'lateral flexion',
    [common(25), magee(15, 20, 'Also cited as 20–30.')],
    true,
  ),
  'lumbar.rotation': norm('lumbar spine', 'rotation', [magee(3, 18)], true),
  'shoulder.flexion': norm('shoulder', 'flexion', [plate('I', 180), aaos(180)]),
  'shoulder.extension': norm('shoulder', 'extension', [
    secondary(50, 'AAOS (as cited)', 'R43', { min: 50, max: 60 }),
  ]),
  'shoulder.abduction': norm('shoulder', 'abduction', [plate('I', 180), aaos(180)]),
  'shoulder.external-rotation': norm('shoulder', 'external rotation', [plate('I', 90), aaos(90)]),
  'shoulder.internal-rotation': norm('shoulder', 'internal rotation', [plate('I', 90)]),
  'elbow.flexion': norm('elbow', 'flexion', [plate('I', 145)]),
  'forearm.pronation': norm('forearm', 'pronation', [plate('I', 80)]),
  'forearm.supination': norm('forearm', 'supination', [plate('I', 85)]),
  'wrist.extension': norm('wrist', 'extension (dorsiflexion)', [plate('I', 70)]),
  'wrist.flexion': norm('wrist', 'flexion (palmar flexion)', [plate('I', 80)]),
  'wrist.radial-deviation': norm('wrist', 'radial deviation', [plate('I', 20)]),
  'wrist.ulnar-deviation': norm('wrist', 'ulnar deviation', [plate('I', 45)]),
  'hip.flexion': norm('hip', 'flexion', [plate('II', 125)]),
  'hip.extension': norm('hip', 'extension', [plate('II', 30)]),
  'hip.abduction': norm('hip', 'abduction', [plate('II', 45)]),
  'hip.adduction': norm('hip', 'adduction', [plate('II', 25)]),
  'hip.external-rotation': norm('hip', 'external rotation', [plate('II', 60)]),
  'hip.internal-rotation': norm('hip', 'internal rotation', [plate('II', 40)]),
  'knee.flexion': norm('knee', 'flexion', [plate('II', 140)]),
  'knee.extension': norm('knee', 'extension', [plate('II', 0)]),
  'ankle.dorsiflexion': norm('ankle', 'dorsiflexion', [plate('II', 20)]),
  'ankle.plantar-flexion': norm('ankle', 'plantar flexion', [plate('II', 45)]),
  'tmj.opening': {
    joint: 'temporomandibular joint',
    motion: 'maximal interincisal opening',
    unit: 'mm',
    perSide: false,
    values: [
      {
        normal: 48.8,
        source: 'Zawawi 2003',
        sourceKey: 'R45',
        secondary: false,
        note: 'Mean in 140 dental students; a three-finger width ≈ normal opening.',
      },
      secondary(40, 'TMJ mobility review', 'R44', { min: 40, max: 60 }, 'Normal ≈ 40–60 mm.'),
    ],
    thresholds: {
      lowerLimit: secondary(40, 'TMJ mobility review', 'R44', undefined, '≥40 mm usual lower limit.'),
      impairedBelow: {
        normal: 30,
        source: 'Swiss Dent J TMD cohort',
        sourceKey: 'R46',
        secondary: false,
        note: 'Proposed threshold for impaired function: <30 mm opening (or <5 mm laterotrusion/protrusion).',
      },
    },
  },
} as const satisfies Record<string, RomNormSpec>;

export type JointMotion = keyof typeof ROM_NORMS;
export const JOINT_MOTIONS = Object.keys(ROM_NORMS) as JointMotion[];
