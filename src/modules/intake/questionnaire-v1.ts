/**
 * Intake questionnaire, version 1: reviewable data. The web form is drawn from it, the answer schemas are
 * derived from it (`schemas.ts`), and submit checks its `required` marks.
 *
 * NEVER change the meaning of a question id or an option value of a published version: stored answers
 * refer to them. To change the form, copy this file to `questionnaire-v2.ts` and register it in
 * `questionnaires.ts`; old responses keep being read with their own version.
 *
 * Health history uses the safety engine's own condition codes (`src/domain/safety/codes.ts`), body-site ids
 * from the catalog (`src/domain/catalog/body-regions.ts`) and its medication classes, so answers map to the
 * screening engine without translation. Every engine condition code is asked for, either in the checklist
 * or by the question named in `conditionsAskedElsewhere` (a test checks this).
 */
import {
  CONDITION_LABELS,
  CONDITION_PLAIN_DESCRIPTIONS,
  type ConditionCode,
  type PatientFacingConditionCode,
} from '../../domain/safety/codes.ts';
import { RULES } from '../../domain/safety/rules.ts';

export type QuestionKind =
  | 'conditions'
  | 'medications'
  | 'allergies'
  | 'surgeries'
  | 'pregnancy'
  | 'implants'
  | 'text'
  | 'pain'
  | 'lifestyle'
  | 'choice'
  | 'consent';

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

export interface QuestionDefinition {
  /** The key of the answer. Stable within a version. */
  readonly id: string;
  readonly kind: QuestionKind;
  readonly label: string;
  readonly help?: string;
  /** Submit refuses the questionnaire until this is answered (an empty list is an answer: "none"). */
  readonly required: boolean;
  /** `choice` questions: the allowed values. */
  readonly options?: readonly ChoiceOption[];
  /** `text` questions: the longest answer accepted. */
  readonly maxLength?: number;
}

export interface SectionDefinition {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly questions: readonly QuestionDefinition[];
}

export interface ConditionGroup {
  readonly id: string;
  readonly title: string;
  /** Only codes with plain words for the patient (`CONDITION_PLAIN_DESCRIPTIONS`) can be listed. */
  readonly codes: readonly PatientFacingConditionCode[];
}

export interface QuestionnaireDefinition {
  readonly version: number;
  readonly title: string;
  readonly sections: readonly SectionDefinition[];
  readonly conditionGroups: readonly ConditionGroup[];
  readonly conditionsAskedElsewhere: Readonly<Partial<Record<ConditionCode, string>>>;
  readonly consent: { readonly version: string; readonly title: string; readonly text: string };
}

/** Medication classes asked for: the engine's classes plus blood-pressure drugs and free text. */
export const MEDICATION_ANSWER_CLASSES = [
  {
    value: 'anticoagulant',
    label: 'Blood thinner (anticoagulant), e.g. warfarin, apixaban, rivaroxaban, heparin',
  },
  { value: 'antiplatelet', label: 'Antiplatelet medicine, e.g. clopidogrel or daily aspirin' },
  { value: 'corticosteroid', label: 'Steroid tablets or injections (corticosteroids), e.g. prednisone' },
  { value: 'blood-pressure', label: 'Blood-pressure medicine' },
  { value: 'sedative', label: 'Sedative or sleeping medicine' },
  { value: 'opioid', label: 'Opioid pain medicine, e.g. oxycodone, tramadol' },
  { value: 'muscle-relaxant', label: 'Muscle relaxant, e.g. cyclobenzaprine' },
  { value: 'other', label: 'Other medicine (write its name)' },
] as const satisfies readonly ChoiceOption[];
export type MedicationAnswerClass = (typeof MEDICATION_ANSWER_CLASSES)[number]['value'];

export const ALLERGY_KINDS = [
  { value: 'massage-oils', label: 'Massage oils' },
  { value: 'lotions', label: 'Lotions or creams' },
  { value: 'latex', label: 'Latex' },
  { value: 'nuts', label: 'Nuts (some oils are nut-based)' },
  { value: 'fragrances', label: 'Fragrances or essential oils' },
  { value: 'other', label: 'Something else (describe it)' },
] as const satisfies readonly ChoiceOption[];
export type AllergyKind = (typeof ALLERGY_KINDS)[number]['value'];

export const PRESSURE_PREFERENCES = [
  { value: 'light', label: 'Light' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'firm', label: 'Firm' },
  { value: 'deep', label: 'Deep' },
] as const satisfies readonly ChoiceOption[];

export const ACTIVITY_LEVELS = [
  { value: 'sedentary', label: 'Mostly sitting, little exercise' },
  { value: 'light', label: 'Light activity (walks, light chores)' },
  { value: 'moderate', label: 'Moderate exercise a few times a week' },
  { value: 'vigorous', label: 'Vigorous exercise or physical work most days' },
] as const satisfies readonly ChoiceOption[];

/** Condition codes whose rules act on a body site: the form asks where. */
export const SITE_CONDITIONS: ReadonlySet<ConditionCode> = new Set(
  RULES.filter((r) => r.site.kind === 'finding-site' || r.site.kind === 'finding-group').flatMap(
    (r) => r.triggers,
  ),
);
/** Condition codes whose rules are time-limited: the form asks when it started. */
export const DATED_CONDITIONS: ReadonlySet<ConditionCode> = new Set(
  RULES.filter((r) => r.when?.within).flatMap((r) => r.triggers),
);

export const CONSENT_V1 = {
  version: 'consent-2025-01',
  title: 'Consent to assessment and treatment',
  text: [
    'I consent to an assessment and to massage therapy by the therapists of this clinic.',
    'I understand that massage therapy is not a substitute for medical diagnosis or treatment, and that the therapist does not diagnose illness, prescribe medicine or perform spinal manipulation.',
    'I have answered the health questions truthfully and completely to the best of my knowledge. I will tell my therapist about any change in my health, medicines or pregnancy before each visit.',
    'I understand that some health conditions mean a technique or a body area must be avoided, or that treatment must wait for my physician to agree, and I accept that my therapist may change or stop a treatment for my safety.',
    'I will tell my therapist at once if anything hurts or feels wrong during a treatment. I may stop the treatment at any time.',
    'I understand how my health information is kept and used, as set out in the clinic’s privacy notice.',
  ].join('\n\n'),
} as const;

export const QUESTIONNAIRE_V1 = {
  version: 1,
  title: 'Health intake',
  conditionGroups: [
    {
      id: 'illness-now',
      title: 'Illness right now',
      codes: ['fever', 'acute-infection', 'contagious-illness', 'cellulitis', 'skin-infection'],
    },
    {
      id: 'blood-circulation',
      title: 'Blood and circulation',
      codes: [
        'dvt',
        'thrombophlebitis',
        'bleeding-disorder',
        'low-platelets',
        'low-blood-counts',
        'varicose-veins',
        'aneurysm',
        'aortic-aneurysm',
        'impaired-circulation',
        'peripheral-vascular-disease',
        'raynauds',
        'cold-urticaria',
        'cryoglobulinaemia',
        'paroxysmal-cold-haemoglobinuria',
      ],
    },
    {
      id: 'heart-lungs',
      title: 'Heart, lungs, blood pressure and stroke',
      codes: [
        'uncontrolled-hypertension',
        'heart-failure-uncontrolled',
        'heart-failure-controlled',
        'arrhythmia',
        'carotid-sinus-hypersensitivity',
        'carotid-bruit',
        'recent-stroke-tia',
        'severe-cardiopulmonary-disease',
      ],
    },
    {
      id: 'injuries-skin',
      title: 'Injuries and skin',
      codes: ['acute-inflammation', 'open-wound', 'burn', 'fracture', 'bruise', 'recent-sprain'],
    },
    {
      id: 'cancer',
      title: 'Cancer',
      codes: ['cancer', 'bone-metastasis', 'radiation-field', 'port-or-catheter'],
    },
    {
      id: 'bones-nerves',
      title: 'Bones, spine and nerves',
      codes: [
        'osteoporosis',
        'herniated-disc',
        'radiculopathy',
        'radiculopathy-red-flags',
        'diabetic-neuropathy',
        'impaired-sensation',
        'regenerating-nerve',
      ],
    },
    {
      id: 'organs',
      title: 'Kidneys, glands, digestion and lymph',
      codes: [
        'renal-failure',
        'lymphoedema',
        'hyperthyroidism',
        'diverticulosis',
        'bowel-obstruction',
        'menstruation',
      ],
    },
  ],
  /** Engine codes that are not in the checklist because another question records them. */
  conditionsAskedElsewhere: {
    anticoagulant: 'medications',
    antiplatelet: 'medications',
    steroids: 'medications',
    sedation: 'medications',
    pregnancy: 'pregnancy',
    'high-risk-pregnancy': 'pregnancy',
    'recent-surgery': 'surgeries',
    'age-over-60': 'the patient record (date of birth)',
  },
  sections: [
    {
      id: 'health-history',
      title: 'Health history',
      intro: 'These answers keep your treatment safe. Tick everything that applies to you now or recently.',
      questions: [
        {
          id: 'conditions',
          kind: 'conditions',
          label: 'Do you have, or have you recently had, any of these?',
          help: 'Tell us where on the body and when it started if you can. An empty list means none of them.',
          required: true,
        },
        {
          id: 'otherConditions',
          kind: 'text',
          label: 'Any other health conditions, diagnoses or hospital stays?',
          required: false,
          maxLength: 2000,
        },
        {
          id: 'medications',
          kind: 'medications',
          label: 'Which medicines do you take?',
          help: 'Include tablets, injections and patches. An empty list means none.',
          required: true,
        },
        {
          id: 'allergies',
          kind: 'allergies',
          label: 'Are you allergic or sensitive to any of these?',
          help: 'An empty list means no allergies.',
          required: true,
        },
        {
          id: 'surgeries',
          kind: 'surgeries',
          label: 'Have you had surgery? Tell us when and where on the body.',
          help: 'An empty list means no surgery.',
          required: true,
        },
        {
          id: 'pregnancy',
          kind: 'pregnancy',
          label: 'Are you pregnant?',
          help: 'If you are, tell us how many weeks or your due date, and whether your pregnancy is high-risk.',
          required: true,
        },
        {
          id: 'implants',
          kind: 'implants',
          label:
            'Do you have any implants (pacemaker, joint replacement, breast implants, metal plates or screws…)?',
          help: 'An empty list means none.',
          required: true,
        },
      ],
    },
    {
      id: 'today',
      title: 'How you are today',
      questions: [
        {
          id: 'currentSymptoms',
          kind: 'text',
          label: 'What symptoms bring you here?',
          required: false,
          maxLength: 2000,
        },
        {
          id: 'pain',
          kind: 'pain',
          label: 'How much pain do you have today (0 = none, 10 = worst imaginable), and where?',
          required: true,
        },
        {
          id: 'mobilityLimits',
          kind: 'text',
          label: 'Is there anything you find hard to do, or any movement you must avoid?',
          help: 'For example getting on and off a table, lying on your front, or turning your head.',
          required: false,
          maxLength: 2000,
        },
      ],
    },
    {
      id: 'lifestyle-goals',
      title: 'Lifestyle and goals',
      questions: [
        {
          id: 'lifestyle',
          kind: 'lifestyle',
          label: 'Your work and activity',
          required: false,
        },
        {
          id: 'goals',
          kind: 'text',
          label: 'What would you like to get from treatment?',
          required: true,
          maxLength: 2000,
        },
        {
          id: 'pressurePreference',
          kind: 'choice',
          label: 'What pressure do you usually prefer?',
          help: 'Your therapist may use lighter pressure when your health calls for it.',
          required: true,
          options: PRESSURE_PREFERENCES,
        },
      ],
    },
    {
      id: 'consent',
      title: 'Consent',
      questions: [
        {
          id: 'consent',
          kind: 'consent',
          label: 'Read the consent and sign it by typing your full name',
          required: true,
        },
      ],
    },
  ],
  consent: CONSENT_V1,
} as const satisfies QuestionnaireDefinition;

/** Every question of a questionnaire, in form order. */
export const questionsOf = (definition: QuestionnaireDefinition): QuestionDefinition[] =>
  definition.sections.flatMap((s) => s.questions);

/** The checklist codes of a questionnaire, in form order. */
export const checklistCodes = (definition: QuestionnaireDefinition): PatientFacingConditionCode[] =>
  definition.conditionGroups.flatMap((g) => g.codes);

export const conditionLabel = (code: ConditionCode): string => CONDITION_LABELS[code];

/** What the patient reads first for a checklist item; the clinical label is its hint. */
export const conditionDescription = (code: PatientFacingConditionCode): string =>
  CONDITION_PLAIN_DESCRIPTIONS[code];
