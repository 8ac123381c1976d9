import type { FastifyInstance } from 'fastify';
import { loggableError } from '../../platform/log-safe.ts';
import { directoryJobHandlers } from '../directory/next-openings.ts';
import { intakeLinkJobHandlers } from '../intake/link-text.ts';
import { planNoticeHandlers } from '../plans/notices.ts';
import availabilityRoutes from './availability.ts';
import feedRoutes from './feeds.ts';
import { startWorker } from './jobs.ts';
import { maintenanceHandlers, queueMaintenance } from './maintenance.ts';
import { closeReminderTransports, reminderHandlers } from './reminders.ts';
import schedulingSetupRoutes from './setup-routes.ts';
import workingTimeRoutes from './working-time.ts';

/**
 * Scheduling: set-up (services, rooms, therapists' hours, booking rules), availability, the calendar's working
 * time, calendar feeds, and the job worker that sends confirmations and reminders. The worker starts when the
 * server listens (not for `inject`-only test apps, which run jobs explicitly) and stops, finishing its job in
 * hand, on close.
 */
export default async function schedulingModule(app: FastifyInstance) {
  await app.register(schedulingSetupRoutes);
  await app.register(availabilityRoutes);
  await app.register(workingTimeRoutes);
  await app.register(feedRoutes);

  let worker: ReturnType<typeof startWorker> | undefined;
  app.addHook('onListen', async () => {
    worker ??= startWorker(app.deps.db, {
      workerId: `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      now: app.deps.now,
      handlers: {
        ...reminderHandlers(app.deps),
        ...directoryJobHandlers(),
        ...maintenanceHandlers(app.deps.db),
        ...intakeLinkJobHandlers(app.deps),
        ...planNoticeHandlers(app.deps),
      },
    });
    if (app.deps.dbKind === 'pglite') {
      await queueMaintenance(app.deps.db, app.deps.now()).catch((error) =>
        app.log.warn({ err: loggableError(error) }, 'could not queue database maintenance'),
      );
    }
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
    closeReminderTransports();
  });
}
