import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import { serviceOfAppointment } from '../../db/joins.ts';
import { appointments, payments, services } from '../../db/schema/index.ts';
import type { PAYMENT_METHOD_VALUES } from './schemas.ts';

const METHODS: (typeof PAYMENT_METHOD_VALUES)[number][] = [
  'card',
  'card',
  'hsa_fsa',
  'cash',
  'card',
  'check',
];

/**
 * Payments for the demo's attended visits, taken at the desk as each visit ended: most paid in full, every
 * third patient's latest visit still owing, and one payment entered twice and voided. Answers how many.
 */
export async function seedPaymentsDemo(
  db: Database,
  input: { clinicId: string; recordedBy: string },
): Promise<number> {
  const visits = await db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      endAt: appointments.endAt,
      feeCents: services.priceCents,
    })
    .from(appointments)
    .innerJoin(services, serviceOfAppointment)
    .where(and(eq(appointments.clinicId, input.clinicId), eq(appointments.status, 'completed')))
    .orderBy(asc(appointments.patientId), asc(appointments.startAt));
  const patientIds = [...new Set(visits.map((v) => v.patientId))];
  const rows: (typeof payments.$inferInsert)[] = [];
  for (const [i, visit] of visits.entries()) {
    if (visit.feeCents === 0) continue;
    const nth = patientIds.indexOf(visit.patientId);
    const latest = visits[i + 1]?.patientId !== visit.patientId;
    if (latest && nth % 3 === 0) continue;
    const payment = {
      clinicId: input.clinicId,
      id: uuidv7(),
      patientId: visit.patientId,
      appointmentId: visit.id,
      amountCents: visit.feeCents,
      method: METHODS[i % METHODS.length]!,
      receivedAt: visit.endAt,
      recordedBy: input.recordedBy,
      createdAt: visit.endAt,
    };
    rows.push(payment);
    if (rows.length === 2) {
      rows.push({
        ...payment,
        id: uuidv7(),
        voidedAt: visit.endAt,
        voidedBy: input.recordedBy,
        voidReason: 'Entered twice',
      });
    }
  }
  if (rows.length > 0) await db.insert(payments).values(rows);
  return rows.length;
}
