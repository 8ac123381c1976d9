import type { z } from 'zod';
import type {
  BalancesDue,
  PatientAccount,
  paymentInput,
  refundInput,
} from '../../../../src/modules/payments/schemas.ts';
import { api } from '../../api/client.ts';
import { patientPath } from '../body-chart/api.ts';

export type { PatientAccount };

export const paymentsApi = {
  balances: (clinicId: string) => api<BalancesDue>(`/api/clinics/${clinicId}/balances`),
  account: (clinicId: string, patientId: string) =>
    api<PatientAccount>(`${patientPath(clinicId, patientId)}/account`),
  /** `attemptKey` stays the same for retries of one payment, so it is never recorded twice. */
  record: (clinicId: string, patientId: string, body: z.output<typeof paymentInput>, attemptKey: string) =>
    api<PatientAccount>(`${patientPath(clinicId, patientId)}/payments`, {
      body,
      headers: { 'idempotency-key': attemptKey },
    }),
  /** `attemptKey` as for `record`: a retry never refunds twice. */
  refund: (clinicId: string, patientId: string, body: z.output<typeof refundInput>, attemptKey: string) =>
    api<PatientAccount>(`${patientPath(clinicId, patientId)}/refunds`, {
      body,
      headers: { 'idempotency-key': attemptKey },
    }),
  waiveFee: (clinicId: string, patientId: string, appointmentId: string, reason: string) =>
    api<PatientAccount>(`${patientPath(clinicId, patientId)}/charges/${appointmentId}/waive`, {
      body: { reason },
    }),
  void: (clinicId: string, patientId: string, paymentId: string, reason: string) =>
    api<PatientAccount>(`${patientPath(clinicId, patientId)}/payments/${paymentId}/void`, {
      body: { reason },
    }),
};

export const accountKey = (clinicId: string, patientId: string) => ['patient-account', clinicId, patientId];
