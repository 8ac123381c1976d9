/**
 * Intake answers → the screening engine's HealthProfile. The questionnaire uses the engine's own condition
 * codes, body-site ids and medication classes, so this is a copy, not a translation. Answers the engine has
 * no rule for (blood-pressure and other medicines, implants, symptoms…) stay in the record and are not passed.
 */
import { isMedicationClass } from '../../domain/safety/codes.ts';
import type { HealthProfile, MedicationEntry, PregnancyEntry } from '../../domain/safety/types.ts';
import { ALLERGY_KINDS } from '../intake/questionnaire-v1.ts';
import { type AllergyAnswer, conditionsPresent, type IntakeAnswers } from '../intake/schemas.ts';

const ALLERGY_LABELS: Record<string, string> = Object.fromEntries(
  ALLERGY_KINDS.map((k) => [k.value, k.label]),
);

/** An allergy in words for the chart ("Latex", "Nuts (some oils are nut-based): almond oil"). */
export function allergyText(allergy: AllergyAnswer): string {
  const label = allergy.kind === 'other' ? '' : (ALLERGY_LABELS[allergy.kind] ?? allergy.kind);
  const detail = allergy.detail?.trim() ?? '';
  if (!label) return detail || 'Other allergy';
  return detail ? `${label}: ${detail}` : label;
}

/**
 * @param recordedOn the clinic-local date the answers were recorded: pregnancy weeks are "as of" that day,
 *   and the engine advances them to the screening date.
 */
export function profileFromAnswers(
  answers: IntakeAnswers,
  context: { birthDate?: string | null; recordedOn: string },
): HealthProfile {
  const medications: MedicationEntry[] = [];
  for (const m of answers.medications ?? []) {
    if (!isMedicationClass(m.class)) continue;
    medications.push({
      class: m.class,
      ...(m.name ? { name: m.name } : {}),
      ...(m.startedOn ? { startedOn: m.startedOn } : {}),
      ...(m.stoppedOn ? { stoppedOn: m.stoppedOn } : {}),
    });
  }
  let pregnancy: PregnancyEntry | null = null;
  if (answers.pregnancy?.pregnant) {
    const p = answers.pregnancy;
    pregnancy = {
      ...(p.weeks !== undefined ? { weeks: p.weeks, weeksRecordedOn: context.recordedOn } : {}),
      ...(p.dueDate ? { dueDate: p.dueDate } : {}),
      ...(p.highRisk !== undefined ? { highRisk: p.highRisk } : {}),
    };
  }
  return {
    ...(context.birthDate ? { birthDate: context.birthDate } : {}),
    // Only a "yes" tells the engine about a condition. A "no" is absent; so is an item never answered, which a
    // submitted version cannot have (submit needs every item) unless it was stored in the old "yes-list"
    // format, where an item not listed meant "no" — read as it was.
    conditions: conditionsPresent(answers.conditions).map((c) => ({
      code: c.code,
      ...(c.site && c.site.length > 0 ? { site: c.site } : {}),
      ...(c.onset ? { onset: c.onset } : {}),
      ...(c.resolvedOn ? { resolvedOn: c.resolvedOn } : {}),
    })),
    medications,
    surgeries: (answers.surgeries ?? []).map((s) => ({
      ...(s.date ? { date: s.date } : {}),
      ...(s.site && s.site.length > 0 ? { site: s.site } : {}),
      ...(s.description ? { description: s.description } : {}),
    })),
    pregnancy,
    allergies: (answers.allergies ?? []).map(allergyText),
  };
}
