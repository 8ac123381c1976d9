import type { z } from 'zod';
import type { BodyChartFinding, bodyChartSource } from '../../../../src/modules/clinical/body-chart.ts';
import type { clinicalChartSection, todoList } from '../../../../src/modules/clinical/schemas.ts';
import { api } from '../../api/client.ts';

/** Clinical API calls shared by the body chart, assessment, plan, note, outcome and to-do features. */
export type { BodyChartFinding };
export type BodyChartSource = z.infer<typeof bodyChartSource>;
export type ClinicalChartSection = z.infer<typeof clinicalChartSection>;
export type TodoList = z.infer<typeof todoList>;

export const patientPath = (clinicId: string, patientId: string) =>
  `/api/clinics/${encodeURIComponent(clinicId)}/patients/${encodeURIComponent(patientId)}`;

export const bodyChartApi = {
  history: (clinicId: string, patientId: string) =>
    api<{ items: { source: BodyChartSource; findings: BodyChartFinding[] }[] }>(
      `${patientPath(clinicId, patientId)}/body-chart/history`,
    ),
  todo: (clinicId: string) => api<TodoList>(`/api/clinics/${encodeURIComponent(clinicId)}/todo`),
};
