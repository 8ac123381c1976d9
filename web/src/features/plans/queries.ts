import { useQuery } from '@tanstack/react-query';
import { type Plan, plansApi } from './api.ts';

/** A patient's plans, newest first: one cache for the therapist's and the physician's plan pages. */
export function usePatientPlans(clinicId: string, patientId: string) {
  return useQuery({
    queryKey: ['plans', clinicId, patientId],
    queryFn: () => plansApi.list(clinicId, patientId),
  });
}

/** The current plan of a list: the newest in its staff and physician form (a patient's own reads differently). */
export const currentPlan = (items: readonly Plan[]): Plan | undefined => items.find((p) => 'current' in p);

/** The plan a session note was written under: one cache for the note's editor and its signed view. */
export function useNotePlan(clinicId: string, note: { patientId: string; planId: string | null }) {
  return useQuery({
    queryKey: ['plan', clinicId, note.patientId, note.planId],
    queryFn: () => plansApi.get(clinicId, note.patientId, note.planId!),
    enabled: Boolean(note.planId),
  });
}

/**
 * The current version screened today against the patient's health and clearances: one cache for the
 * therapist's plan page and the physician's (same key), read again on each visit.
 */
export function usePlanScreening(clinicId: string, patientId: string, plan: Plan | undefined) {
  return useQuery({
    queryKey: ['plan-screening', clinicId, patientId, plan?.id, plan?.currentVersion],
    queryFn: () => plansApi.screening(clinicId, patientId, plan!.id),
    enabled: Boolean(plan),
  });
}
