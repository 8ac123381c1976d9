import { and, asc, desc, eq, gte, inArray, lt, not, or, sql } from 'drizzle-orm';
import { appointments } from '../../db/schema/index.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { toDtos } from './booking.ts';
import { appointmentsChartSection } from './schemas.ts';

/** How many coming and past appointments the chart lists; the calendar has the rest. */
const LISTED = 10;

/**
 * The chart's appointments: what is coming, what happened lately (reschedules, cancellations and no-shows kept),
 * and the patient's attendance over all their visits. Staff book from it; a linked physician sees it read-only.
 */
export function registerAppointmentsChartSection(): void {
  registerChartSection({
    id: 'appointments',
    title: 'Appointments',
    order: 15,
    permission: 'appointments.read',
    schema: appointmentsChartSection,
    async load({ db, clinicId, patientId, now, access }) {
      const mine = and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId));
      const live = inArray(appointments.status, ['booked', 'confirmed', 'checked_in']);
      const [coming, past, [tally]] = await Promise.all([
        db
          .select()
          .from(appointments)
          .where(and(mine, live, gte(appointments.endAt, now)))
          .orderBy(asc(appointments.startAt))
          .limit(LISTED),
        db
          .select()
          .from(appointments)
          // A live visit under way is listed as coming up, not twice.
          .where(and(mine, lt(appointments.startAt, now), or(not(live), lt(appointments.endAt, now))))
          .orderBy(desc(appointments.startAt))
          .limit(LISTED),
        db
          .select({
            completed: sql<number>`count(*) filter (where ${appointments.status} = 'completed')::int`,
            noShows: sql<number>`count(*) filter (where ${appointments.status} = 'no_show')::int`,
            cancelled: sql<number>`count(*) filter (where ${appointments.status} = 'cancelled'
              and ${appointments.rescheduledTo} is null)::int`,
            cancelledLate: sql<number>`count(*) filter (where ${appointments.cancelledLate}
              and ${appointments.rescheduledTo} is null)::int`,
          })
          .from(appointments)
          .where(mine),
      ]);
      // One naming pass (services, patient) for both lists.
      const dtos = await toDtos(db, clinicId, access.clinic.timeZone, [...coming, ...past]);
      return { upcoming: dtos.slice(0, coming.length), recent: dtos.slice(coming.length), tally: tally! };
    },
  });
}
