/**
 * The words of the record export (pure, no I/O): stored record content — intake answers, evaluations, session
 * notes, plan goals — as lines a patient can read. Dates read "Mar 2, 2026" (`dayText`, as everywhere the
 * server writes a date), codes and ids read as the labels the app shows, booleans as Yes/No, and each intake
 * answer stands under its question. Nothing is left out: a field without a known label is still printed,
 * under its key in words.
 */
import { isSiteId, siteLabel } from '../../domain/catalog/body-regions.ts';
import { getTechnique, isTechniqueId } from '../../domain/catalog/techniques.ts';
import { getInstrument, isInstrumentId } from '../../domain/outcomes/instruments/index.ts';
import { getRomNorm, JOINT_MOTIONS, type JointMotion } from '../../domain/outcomes/rom.ts';
import { CONDITION_LABELS, isConditionCode } from '../../domain/safety/codes.ts';
import { BODY_FINDING_LABELS } from '../clinical/body-chart.ts';
import {
  ACTIVITY_LEVELS,
  ALLERGY_KINDS,
  type ChoiceOption,
  MEDICATION_ANSWER_CLASSES,
  type QuestionDefinition,
  type QuestionnaireDefinition,
} from '../intake/questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, QUESTIONNAIRES } from '../intake/questionnaires.ts';
import { dayText, isCalendarDate } from '../patients/dates.ts';
import { getAdvice, getExercise } from '../plans/home-care-library.ts';
import { PAIN_MEDICATION_LABELS, POSITION_LABELS } from '../session-notes/schemas.ts';

/** One level of indentation in the PDF's text. */
export const INDENT = '  ';

type Fields = Record<string, unknown>;
type Render = (value: unknown, indent: string) => string[];

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Nothing to print: no value, blank text, an empty list, or an object of such. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmpty);
  if (isObject(value)) return Object.values(value).every(isEmpty);
  return false;
}

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
/** A calendar date (YYYY-MM-DD) as people read it, "Mar 2, 2026"; any other text as written. */
export const dateText = (value: string) => (isCalendarDate(value) ? dayText(value) : value);
/** A camelCase key in words: "hoursSittingPerDay" → "Hours sitting per day". */
export const humanise = (key: string) => upperFirst(key.replace(/([A-Z])/g, ' $1').toLowerCase());
/** An enumerated value in words: "too-light" → "Too light". */
export const words = (value: string) => upperFirst(value.replace(/[-_]+/g, ' '));

export const techniqueName = (id: string) => (isTechniqueId(id) ? getTechnique(id).name : id);
export const siteName = (id: string) => (isSiteId(id) ? siteLabel(id) : id);
export const conditionName = (code: string) => (isConditionCode(code) ? CONDITION_LABELS[code] : code);
export const instrumentName = (id: string) => (isInstrumentId(id) ? getInstrument(id).name : id);
const sitesText = (sites: unknown) =>
  (Array.isArray(sites) ? sites : [sites]).map((s) => siteName(String(s))).join(', ');

const isJointMotion = (value: string): value is JointMotion => (JOINT_MOTIONS as string[]).includes(value);
/** "Lumbar spine flexion", "Shoulder flexion (left)". */
export function motionName(jointMotion: string, side?: string | null): string {
  const spec = isJointMotion(jointMotion) ? getRomNorm(jointMotion) : null;
  return upperFirst(`${spec ? `${spec.joint} ${spec.motion}` : jointMotion}${side ? ` (${side})` : ''}`);
}
/** A range-of-motion value with its unit: "40°", "35 mm" (TMJ opening). */
export const motionValue = (jointMotion: string, value: unknown) =>
  `${String(value)}${isJointMotion(jointMotion) && getRomNorm(jointMotion).unit === 'mm' ? ' mm' : '°'}`;

/** A single value as text: Yes/No, a readable date, a list joined by commas. */
export function valueText(value: unknown): string {
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'string') return dateText(value);
  if (Array.isArray(value))
    return value
      .filter((v) => !isEmpty(v))
      .map(valueText)
      .join(', ');
  return String(value);
}

/**
 * Any stored value as "Label: value" lines, for fields without a dedicated form: nested objects and lists of
 * objects are indented under their label, empty values left out.
 */
export function lines(value: unknown, indent = '', label?: string): string[] {
  if (isEmpty(value)) return [];
  const nested = isObject(value) || (Array.isArray(value) && value.some(isObject));
  if (!nested) return [`${indent}${label === undefined ? '' : `${label}: `}${valueText(value)}`];
  const inner = label === undefined ? indent : indent + INDENT;
  const body = Array.isArray(value)
    ? value.filter((v) => !isEmpty(v)).flatMap((v, i) => lines(v, inner, `Item ${i + 1}`))
    : Object.entries(value as Fields).flatMap(([k, v]) => lines(v, inner, humanise(k)));
  return [...(label === undefined ? [] : [`${indent}${label}:`]), ...body];
}

/**
 * An object's fields: the known ones by their own renderer, in that order, then every other field (so a
 * field added later still prints).
 */
function objectLines(value: unknown, indent: string, known: Record<string, Render>): string[] {
  if (!isObject(value)) return lines(value, indent);
  const out: string[] = [];
  for (const [key, render] of Object.entries(known))
    if (!isEmpty(value[key])) out.push(...render(value[key], indent));
  for (const [key, v] of Object.entries(value))
    if (!(key in known)) out.push(...lines(v, indent, humanise(key)));
  return out;
}

/** "Label: value"; without `format`, a value of several fields prints them under the label. */
const field =
  (label: string, format?: (value: never) => string): Render =>
  (value, indent) =>
    format ? [`${indent}${label}: ${format(value as never)}`] : lines(value, indent, label);
const section =
  (label: string, known: Record<string, Render>): Render =>
  (value, indent) => {
    const body = objectLines(value, indent + INDENT, known);
    return body.length ? [`${indent}${label}:`, ...body] : [];
  };
const list =
  (label: string, item: (value: Fields) => string): Render =>
  (value, indent) =>
    Array.isArray(value) && value.every(isObject)
      ? [`${indent}${label}:`, ...value.map((v) => `${indent}${INDENT}${item(v)}`)]
      : lines(value, indent, label);
const joined = (head: string, details: (string | false | null | undefined)[]) => {
  const rest = details.filter(Boolean);
  return rest.length ? `${head} — ${rest.join('; ')}` : head;
};
const outOf10 = (value: never) => `${String(value)}/10`;
const byWords = (value: never) => words(String(value));
const labelOf = (labels: Readonly<Record<string, string>>) => (value: never) =>
  labels[String(value)] ?? words(String(value));

// ---------------------------------------------------------------------------------------------
// Findings shared by evaluations and session notes
// ---------------------------------------------------------------------------------------------

/** "Low back: Pain 6/10 — worse when sitting". */
export const findingText = (f: Fields) =>
  `${siteName(String(f.region))}: ${BODY_FINDING_LABELS[f.kind as keyof typeof BODY_FINDING_LABELS] ?? words(String(f.kind))}${
    f.intensity !== undefined ? ` ${String(f.intensity)}/10` : ''
  }${f.note ? ` — ${String(f.note)}` : ''}`;

/** "Lumbar spine flexion: 40° — guarded". */
export const romText = (m: Fields) =>
  `${motionName(String(m.jointMotion), m.side as string | undefined)}: ${motionValue(String(m.jointMotion), m.value)}${
    m.note ? ` — ${String(m.note)}` : ''
  }`;

const triggerPointText = (t: Fields) =>
  joined(`${siteName(String(t.region))}${t.muscle ? `, ${String(t.muscle)}` : ''}`, [
    !isEmpty(t.referralPattern) && `referral pattern: ${String(t.referralPattern)}`,
    typeof t.active === 'boolean' && `active: ${yesNo(t.active)}`,
  ]);

/** An evaluation's content (amendments applied), one field a line. */
export function assessmentLines(content: unknown, indent = INDENT): string[] {
  return objectLines(content, indent, {
    chiefComplaint: field('Chief complaint'),
    posture: field('Posture'),
    gait: field('Gait'),
    palpation: section('Palpation', {
      tone: field('Tone', byWords),
      tenderness: field('Tenderness'),
      temperature: field('Temperature', byWords),
      texture: field('Texture'),
      triggerPoints: list('Trigger points', triggerPointText),
      notes: field('Notes'),
    }),
    bodyChart: list('Body chart', findingText),
    rom: list('Range of motion', romText),
    functionalLimitations: field('Functional limitations'),
    clinicalImpression: field('Clinical impression'),
    notes: field('Notes'),
  });
}

// ---------------------------------------------------------------------------------------------
// Plans of care
// ---------------------------------------------------------------------------------------------

export type GoalLike =
  | { kind: 'functional'; patientWords: string; dueDate: string }
  | {
      kind: 'instrument';
      instrumentId: string;
      baseline: number;
      target: number;
      description?: string;
      dueDate: string;
    }
  | {
      kind: 'rom';
      jointMotion: string;
      side?: string;
      baseline: number;
      target: number;
      description?: string;
      dueDate: string;
    };

/** What a goal aims at, without its date: "ODI 44 → 24", "Lumbar spine flexion 35° → 55°", the patient's words. */
export function goalName(g: GoalLike): string {
  if (g.kind === 'functional') return g.patientWords;
  const aim =
    g.kind === 'instrument'
      ? `${instrumentName(g.instrumentId)} ${g.baseline} → ${g.target}`
      : `${motionName(g.jointMotion, g.side)} ${motionValue(g.jointMotion, g.baseline)} → ${motionValue(g.jointMotion, g.target)}`;
  return g.description ? `${aim} (${g.description})` : aim;
}

/** A goal with its due date: "ODI 44 → 24 by Apr 13, 2026". */
export const goalText = (g: GoalLike) => `${goalName(g)} by ${dateText(g.dueDate)}`;

/** A plan's home care: the library's names, the dosage the therapist set (or the library's). */
export function homeCareLines(
  homeCare:
    | { exercises?: { id: string; dosage?: string; note?: string }[]; advice?: string[]; notes?: string }
    | undefined,
  indent = INDENT,
): string[] {
  if (!homeCare) return [];
  return [
    ...(homeCare.exercises ?? []).map((e) => {
      const exercise = getExercise(e.id);
      return `${indent}Home exercise: ${joined(exercise?.name ?? e.id, [e.dosage ?? exercise?.dosage, e.note])}`;
    }),
    ...(homeCare.advice ?? []).map((id) => `${indent}Advice: ${getAdvice(id)?.title ?? id}`),
    ...lines(homeCare.notes, indent, 'Home-care notes'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Session notes
// ---------------------------------------------------------------------------------------------

const treatmentRowText = (r: Fields) =>
  [
    techniqueName(String(r.techniqueId)),
    siteName(String(r.region)),
    `${String(r.minutes)} min`,
    ...(r.pressure ? [`${String(r.pressure)} pressure`] : []),
  ].join(', ');

const healthChangesText = (changes: unknown) => {
  if (!isObject(changes)) return valueText(changes);
  return joined(typeof changes.changed === 'boolean' ? yesNo(changes.changed) : '—', [
    changes.rescreen === true && 'the health history is to be screened again',
    changes.rescreen === false && 'no new screening needed',
    !isEmpty(changes.healthHistoryVersionId) && 'recorded in the health history',
    !isEmpty(changes.note) && String(changes.note),
  ]);
};

/**
 * A signed session note's content (amendments applied). `goals` names the plan's goals by id, for the progress
 * noted against each.
 */
export function noteLines(
  content: unknown,
  goals: ReadonlyMap<string, string> = new Map(),
  indent = INDENT,
): string[] {
  const painLine: Render = (value, i) => {
    const pain = value as Fields;
    if (!isObject(pain)) return lines(pain, i, 'Pain');
    const at = (v: unknown) => (v === undefined || v === null ? '—' : `${String(v)}/10`);
    return [`${i}Pain before the session: ${at(pain.before)}; after: ${at(pain.after)}`];
  };
  return objectLines(content, indent, {
    subjective: section('Subjective (what the patient reported)', {
      complaint: field('Complaint'),
      painToday: field('Pain today', outOf10),
      changeSinceLastVisit: field('Since the last visit', byWords),
      changeNote: field('About the change'),
      healthChanges: field('Health changes', healthChangesText),
      pressurePreference: field('Pressure preferred', byWords),
      painMedication: field('Pain medication since the last visit', labelOf(PAIN_MEDICATION_LABELS)),
    }),
    objective: section('Objective (what the therapist found)', {
      findings: field('Findings'),
      bodyChart: list('Body chart', findingText),
      rom: list('Range of motion', romText),
    }),
    treatment: section('Treatment', {
      rows: list('Given', treatmentRowText),
      position: field('Position', (p: never) =>
        (Array.isArray(p) ? p : [p]).map((x) => POSITION_LABELS[x as never] ?? words(String(x))).join('; '),
      ),
      hotCold: field('Heat or cold', byWords),
      hotColdNote: field('About heat or cold'),
      pressureFeedback: field('Feedback on pressure', byWords),
      response: field('Response to treatment'),
    }),
    pain: painLine,
    assessment: section('Assessment', {
      goalProgress: list(
        'Progress per goal',
        (g) =>
          `${goals.get(String(g.goalId)) ?? 'Goal'}: ${joined(words(String(g.progress)), [g.note ? String(g.note) : null])}`,
      ),
      interpretation: field('Interpretation'),
    }),
    plan: section('Plan', {
      nextFocus: field('Next focus'),
      homeCareChanges: field('Home-care changes'),
      referral: field('Referral'),
      nextVisit: field('Next visit'),
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Intake (health history): each answer under its question
// ---------------------------------------------------------------------------------------------

/** An option's label as a record states it: without the form's examples ("e.g. …") or instructions. */
export function optionLabel(options: readonly ChoiceOption[] | undefined, value: unknown): string {
  const label = options?.find((o) => o.value === value)?.label;
  if (label === undefined) return words(String(value));
  return label.replace(/, e\.g\. .*$/, '').replace(/ \((?:write|describe) [^)]*\)$/, '');
}

/** "Question? answer", or "Label: answer" when the label does not end a sentence. */
const asked = (label: string, answer: string) => `${label}${/[?.!…]$/.test(label) ? '' : ':'} ${answer}`;

function answerLines(
  q: QuestionDefinition,
  definition: QuestionnaireDefinition,
  value: unknown,
  indent: string,
) {
  if (value === undefined || value === null) return [];
  const inner = indent + INDENT;
  const items = (item: (v: Fields) => string) => {
    if (!Array.isArray(value) || !value.every(isObject)) return lines(value, indent, q.label);
    return value.length === 0
      ? [`${indent}${asked(q.label, 'None')}`]
      : [`${indent}${q.label}`, ...value.map((v) => `${inner}${item(v)}`)];
  };
  const fields = (known: Record<string, Render>) => {
    const body = objectLines(value, inner, known);
    return body.length ? [`${indent}${q.label}`, ...body] : [];
  };
  switch (q.kind) {
    case 'conditions': {
      // The "yes" items stand under the question as before; the explicit "No" answers follow on one line (an
      // old-format answer, which listed only the "yes" ones, prints as it was).
      if (!Array.isArray(value) || !value.every(isObject)) return lines(value, indent, q.label);
      const line = (c: Fields) =>
        joined(conditionName(String(c.code)), [
          !isEmpty(c.site) && `where: ${sitesText(c.site)}`,
          !isEmpty(c.onset) && `started ${valueText(c.onset)}`,
          !isEmpty(c.resolvedOn) && `resolved ${valueText(c.resolvedOn)}`,
          !isEmpty(c.note) && String(c.note),
        ]);
      const yes = value.filter((c) => c.answer !== 'no');
      const no = value.filter((c) => c.answer === 'no').map((c) => conditionName(String(c.code)));
      if (yes.length === 0 && no.length === 0) return [`${indent}${asked(q.label, 'None')}`];
      return [
        `${indent}${q.label}`,
        ...(yes.length === 0 ? [`${inner}None`] : yes.map((c) => `${inner}${line(c)}`)),
        ...(no.length > 0 ? [`${inner}Answered No: ${no.join(', ')}`] : []),
      ];
    }
    case 'medications':
      return items((m) =>
        joined(
          m.class === 'other' && m.name
            ? String(m.name)
            : `${optionLabel(MEDICATION_ANSWER_CLASSES, m.class)}${m.name ? `: ${String(m.name)}` : ''}`,
          [
            !isEmpty(m.startedOn) && `started ${valueText(m.startedOn)}`,
            !isEmpty(m.stoppedOn) && `stopped ${valueText(m.stoppedOn)}`,
          ],
        ),
      );
    case 'allergies':
      return items((a) =>
        a.kind === 'other' && a.detail
          ? String(a.detail)
          : `${optionLabel(ALLERGY_KINDS, a.kind)}${a.detail ? `: ${String(a.detail)}` : ''}`,
      );
    case 'surgeries':
      return items((s) =>
        joined(isEmpty(s.description) ? 'Surgery' : String(s.description), [
          !isEmpty(s.date) && valueText(s.date),
          !isEmpty(s.site) && `where: ${sitesText(s.site)}`,
        ]),
      );
    case 'implants':
      return items((i) =>
        joined(isEmpty(i.description) ? 'Implant' : String(i.description), [
          !isEmpty(i.site) && `where: ${sitesText(i.site)}`,
        ]),
      );
    case 'pregnancy': {
      if (!isObject(value)) break;
      const { pregnant, ...rest } = value;
      return [
        ...(typeof pregnant === 'boolean' ? [`${indent}${asked(q.label, yesNo(pregnant))}`] : []),
        ...(typeof pregnant === 'boolean' ? [] : lines(pregnant, indent, q.label)),
        ...objectLines(rest, inner, {
          weeks: field('Weeks pregnant'),
          dueDate: field('Due date'),
          highRisk: field('High-risk pregnancy'),
        }),
      ];
    }
    case 'pain':
      return fields({
        level: field('Pain level', outOf10),
        regions: field('Where', sitesText),
      });
    case 'lifestyle':
      return fields({
        occupation: field('Occupation'),
        hoursSittingPerDay: field('Hours sitting on a typical day'),
        activityLevel: field('How active', (v: never) => optionLabel(ACTIVITY_LEVELS, v)),
        sports: field('Sports or regular activities'),
      });
    case 'choice':
      if (typeof value === 'string') return [`${indent}${asked(q.label, optionLabel(q.options, value))}`];
      break;
    case 'consent': {
      const body = objectLines(value, inner, {
        agreed: field('Agreed'),
        typedName: field('Signed by typing the name'),
        textVersion: field('Version of the consent text'),
        textHash: field('Fingerprint of the consent text (SHA-256)'),
      });
      return body.length ? [`${indent}${definition.consent.title}`, ...body] : [];
    }
    case 'text':
      if (typeof value === 'string') return isEmpty(value) ? [] : [`${indent}${asked(q.label, value)}`];
      break;
  }
  return lines(value, indent, q.label);
}

/**
 * Submitted intake answers under the questions of their questionnaire version, in form order; an answer to
 * no question of that version (none expected) still prints, under its key in words.
 */
export function intakeLines(answers: unknown, questionnaireVersion: number, indent = INDENT): string[] {
  if (!isObject(answers)) return lines(answers, indent);
  const definition = QUESTIONNAIRES[questionnaireVersion] ?? QUESTIONNAIRES[CURRENT_QUESTIONNAIRE_VERSION]!;
  const questions = definition.sections.flatMap((s) => s.questions);
  const ids = new Set(questions.map((q) => q.id));
  return [
    ...questions.flatMap((q) => answerLines(q, definition, answers[q.id], indent)),
    ...Object.entries(answers)
      .filter(([key]) => !ids.has(key))
      .flatMap(([key, value]) => lines(value, indent, humanise(key))),
  ];
}

// ---------------------------------------------------------------------------------------------
// Patient
// ---------------------------------------------------------------------------------------------

/** A language tag in English words: "es" → "Spanish", "pt-BR" → "Brazilian Portuguese"; else the tag. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "Maria Lopez (mother), 555 0100, maria@example.com". */
export function contactText(
  contact: { name: string; relationship?: string; phone?: string; email?: string } | null | undefined,
): string | null {
  if (!contact) return null;
  return [
    `${contact.name}${contact.relationship ? ` (${contact.relationship})` : ''}`,
    contact.phone,
    contact.email,
  ]
    .filter(Boolean)
    .join(', ');
}
