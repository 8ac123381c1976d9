import { type ChoiceOption, QUESTIONNAIRE_V1, type QuestionnaireDefinition } from './questionnaire-v1.ts';

/**
 * Version 2: the questions of version 1 (same ids, so answers carry over), a section on the patient's comfort
 * (draping, areas not to touch, what helps them feel safe), and a consent that also covers draping, risks,
 * benefits and alternatives, the right to refuse, and the release of information (clinical reference: the
 * informed consent covers "treatment, draping, release of information").
 */
export const DRAPING_PREFERENCES = [
  { value: 'standard', label: 'Under a sheet, only the area being treated uncovered' },
  { value: 'more-covered', label: 'As much covered as possible' },
  { value: 'clothed', label: 'I would rather stay in loose, comfortable clothing' },
] as const satisfies readonly ChoiceOption[];

export const CONSENT_V2 = {
  version: 'consent-2026-11',
  title: 'Consent to assessment and treatment',
  text: [
    'I consent to an assessment and to massage therapy by the therapists of this clinic. My therapist will explain the treatment they propose, its expected benefits, its possible risks (such as soreness or bruising for a day or two) and the alternatives, and I may ask questions at any time.',
    'I understand that massage therapy is not a substitute for medical diagnosis or treatment, and that the therapist does not diagnose illness, prescribe medicine or perform spinal manipulation.',
    'I have answered the health questions truthfully and completely to the best of my knowledge. I will tell my therapist about any change in my health, medicines or pregnancy before each visit.',
    'I understand that some health conditions mean a technique or a body area must be avoided, or that treatment must wait for my physician to agree, and I accept that my therapist may change or stop a treatment for my safety.',
    'I will be draped with a sheet or towel, or stay clothed, as I choose, and only the area being treated will be uncovered. My therapist will ask before working on any sensitive area.',
    'I may refuse any technique or body area, and stop the treatment at any time, without giving a reason. I will tell my therapist at once if anything hurts or feels wrong.',
    'I agree that the clinic may share what is needed about my treatment with the provider who referred me and, if I ask the clinic to bill them, with my insurer. I understand how my health information is kept and used, as set out in the clinic’s privacy notice.',
  ].join('\n\n'),
} as const;

const [health, today, lifestyle, consent] = QUESTIONNAIRE_V1.sections;

export const QUESTIONNAIRE_V2 = {
  ...QUESTIONNAIRE_V1,
  version: 2,
  sections: [
    health!,
    today!,
    lifestyle!,
    {
      id: 'comfort',
      title: 'Your comfort',
      intro: 'Your therapist reads this before each visit. Everything here is optional.',
      questions: [
        {
          id: 'draping',
          kind: 'choice',
          label: 'How would you like to be covered during treatment?',
          required: false,
          options: DRAPING_PREFERENCES,
        },
        {
          id: 'areasToAvoid',
          kind: 'text',
          label: 'Are there areas you would rather not have touched?',
          help: 'For example your face, feet, abdomen or glutes. You can change your mind at any visit.',
          required: false,
          maxLength: 500,
        },
        {
          id: 'comfortNotes',
          kind: 'text',
          label: 'Is there anything else that helps you feel safe and comfortable?',
          help: 'For example someone with you in the room, the door left ajar, a quiet session, a warmer table, or how you would like to be addressed.',
          required: false,
          maxLength: 1000,
        },
      ],
    },
    consent!,
  ],
  consent: CONSENT_V2,
} as const satisfies QuestionnaireDefinition;
