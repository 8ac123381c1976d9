/**
 * The referring physician answers a plan version "changes needed" instead of signing it: kept as written, seen by
 * the therapist on the plan and in their to-do until a new version, off the physician's list of plans to sign.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  emailOutbox,
  jobs,
  physicianPatientLinks,
  treatmentPlanChangeRequests,
} from '../../src/db/schema/index.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { PLAN_CHANGES_EMAIL_JOB, planNoticeHandlers } from '../../src/modules/plans/notices.ts';
import { runDueJobs } from '../../src/modules/scheduling/jobs.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  dbRefusal,
  patientWithReferral,
  planBody,
  today,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
}, 120_000);
afterAll(() => t?.close());

const REASON = 'Trigger point therapy is not safe while she takes apixaban: light pressure only, please.';

async function newPlan(options: { referred?: boolean } = {}) {
  const { patientId, referralId } = await patientWithReferral(w, { health: {} });
  const created = await w.therapist.agent.post(
    `${base(w, patientId)}/plans`,
    planBody(
      w,
      referralId,
      options.referred === false ? { referralId: null, diagnosisCodes: undefined } : {},
    ),
  );
  expect(created.statusCode, created.body).toBe(201);
  const plan = created.json();
  const url = `${base(w, patientId)}/plans/${plan.id}`;
  return { patientId, referralId, plan, url, answer: `${url}/change-requests` };
}

const toSignIds = async (agent = w.physician.agent) =>
  (
    (await agent.get(`/api/clinics/${w.clinicId}/physician/plans-to-sign`)).json().items as {
      planId: string;
    }[]
  ).map((p) => p.planId);
const todo = async () =>
  (await w.therapist.agent.get(`/api/clinics/${w.clinicId}/todo`)).json().items as {
    kind: string;
    resourceId: string;
    message: string;
    href: string;
  }[];

describe('the physician asks for changes instead of signing', () => {
  it('is kept with who, when, which version and why; the therapist sees it until a new version, which comes back to sign', async () => {
    const { patientId, referralId, plan, url, answer } = await newPlan();
    expect(await toSignIds()).toContain(plan.id);

    const before = t.clock.now().getTime();
    const asked = await w.physician.agent.post(answer, { reason: `  ${REASON}  `, version: 1 });
    expect(asked.statusCode, asked.body).toBe(201);
    const requestedAt = asked.json().changesRequested[0]?.requestedAt;
    expect(new Date(requestedAt).getTime()).toBeGreaterThanOrEqual(before);
    const request = {
      version: 1,
      physician: { userId: w.physician.userId, name: w.physician.name },
      reason: REASON,
      requestedAt,
    };
    expect(asked.json()).toMatchObject({
      currentVersion: 1,
      signatureWanted: true,
      current: { signature: null },
      changesRequested: [request],
    });
    const rows = await t.database.db
      .select()
      .from(treatmentPlanChangeRequests)
      .where(eq(treatmentPlanChangeRequests.planId, plan.id));
    expect(rows).toEqual([
      expect.objectContaining({ version: 1, physicianUserId: w.physician.userId, reason: REASON }),
    ]);
    expect((await auditOf(w, patientId, w.physician.userId)).slice(-2)).toEqual([
      'plan.physician_request_changes:allowed',
      'plan.changes_requested:allowed',
    ]);
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'plan.changes_requested')));
    // The reason is health information: it stays in the record, not in the audit log.
    expect(audited!.details).toEqual({ version: 1, changeRequestId: rows[0]!.id });

    // Off the physician's list; the therapist reads it on the plan and in their to-do.
    expect(await toSignIds()).not.toContain(plan.id);
    expect((await w.therapist.agent.get(url)).json().changesRequested).toEqual(asked.json().changesRequested);
    const item = (await todo()).find((i) => i.kind === 'plan_changes_requested' && i.resourceId === plan.id);
    expect(item).toMatchObject({
      href: `/patients/${patientId}/plan`,
      message: `${w.physician.name} asked for changes to plan version 1 on ${dayText(today(t))}`,
    });
    // The same version is not answered twice.
    const again = await w.physician.agent.post(answer, { reason: 'And the neck', version: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      `You asked for changes to version 1 on ${dayText(today(t))}: the therapist has your reason`,
    );

    // A new version answers it: gone from the plan and the to-do, back on the physician's list.
    const changed = await w.therapist.agent.put(url, {
      ...planBody(w, referralId),
      techniques: ['myofascial-release'],
      changeReason: 'Trigger point therapy removed, as Dr asked',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ currentVersion: 2, changesRequested: [] });
    expect((await todo()).some((i) => i.kind === 'plan_changes_requested' && i.resourceId === plan.id)).toBe(
      false,
    );
    expect(await toSignIds()).toContain(plan.id);
    // The answer to version 1 is kept as written.
    expect(
      await t.database.db
        .select()
        .from(treatmentPlanChangeRequests)
        .where(eq(treatmentPlanChangeRequests.planId, plan.id)),
    ).toEqual(rows);
  });

  it('e-mails the therapist once that a physician asked, with a link to the plan and no health details', async () => {
    const { patientId, plan, answer } = await newPlan();
    const jobsOf = async (planId: string) =>
      (await t.database.db.select().from(jobs).where(eq(jobs.kind, PLAN_CHANGES_EMAIL_JOB))).filter(
        (j) => (j.payload as { planId: string }).planId === planId,
      );
    const mailsTo = (address: string) =>
      t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
    const runJobs = () =>
      runDueJobs(t.database.db, {
        workerId: 'plan-notice-worker',
        now: t.clock.now,
        handlers: planNoticeHandlers(t.app.deps),
      });
    const mailsBefore = (await mailsTo(w.therapist.email)).length;

    // Refused answers queue nothing: staff answering, a physician not linked to the patient.
    expect((await w.owner.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(403);
    expect(await jobsOf(plan.id)).toEqual([]);

    const asked = await w.physician.agent.post(answer, { reason: REASON, version: 1 });
    expect(asked.statusCode, asked.body).toBe(201);
    // A second answer to the same version is refused and queues nothing more.
    expect((await w.physician.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(409);
    const queued = await jobsOf(plan.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ clinicId: w.clinicId, status: 'pending' });
    expect(queued[0]!.payload).toEqual({
      changeRequestId: asked.json().changesRequested[0].id,
      planId: plan.id,
      patientId,
      therapistUserId: w.therapist.userId,
    });
    expect(JSON.stringify(queued[0]!.payload)).not.toMatch(/apixaban|pressure/i);

    await runJobs();
    const sent = (await mailsTo(w.therapist.email)).slice(mailsBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('A physician asked for changes to a treatment plan');
    const text = sent[0]!.textBody;
    expect(text).toContain(
      `The referring physician ${w.physician.name} asked for changes to a treatment plan`,
    );
    expect(text).toContain(`${t.config.publicUrl}/patients/${patientId}/plan`);
    // No health details: not the reason, the patient, the diagnoses or the plan's content.
    for (const secret of ['apixaban', 'Trigger point', 'pressure', 'Ana', 'Lopez', 'M54', 'Low back'])
      expect(`${sent[0]!.subject}\n${text}`).not.toContain(secret);
    expect((await jobsOf(plan.id))[0]).toMatchObject({ status: 'done' });
    // Run again: still one e-mail.
    await runJobs();
    expect((await mailsTo(w.therapist.email)).slice(mailsBefore)).toHaveLength(1);

    // Answered by a new version before the job ran: nothing to tell, no e-mail.
    const second = await newPlan();
    expect((await w.physician.agent.post(second.answer, { reason: REASON, version: 1 })).statusCode).toBe(
      201,
    );
    expect(await jobsOf(second.plan.id)).toHaveLength(1);
    const saved = await w.therapist.agent.put(second.url, {
      ...planBody(w, second.referralId),
      changeReason: 'As asked',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await runJobs();
    expect((await jobsOf(second.plan.id))[0]).toMatchObject({ status: 'skipped' });
    expect((await mailsTo(w.therapist.email)).slice(mailsBefore)).toHaveLength(1);
  });

  it('is closed when the physician signs the version after all', async () => {
    const { plan, url, answer } = await newPlan();
    expect((await w.physician.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(201);
    const signed = await w.physician.agent.post(`${url}/physician-signature`, {
      typedName: w.physician.name,
      version: 1,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().changesRequested).toEqual([]);
    expect((await todo()).some((i) => i.kind === 'plan_changes_requested' && i.resourceId === plan.id)).toBe(
      false,
    );
  });

  it('leaves the plan on the list of another linked physician, who may still sign it', async () => {
    const { patientId, plan, answer } = await newPlan();
    const colleague = await addMember(t, w.clinicId, ['physician']);
    await t.database.db
      .insert(physicianPatientLinks)
      .values({ clinicId: w.clinicId, patientId, userId: colleague.userId, reason: 'grant' });
    expect((await w.physician.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(201);
    expect(await toSignIds()).not.toContain(plan.id);
    expect(await toSignIds(colleague.agent)).toContain(plan.id);
  });

  it('is kept as written: the database refuses to change or delete it', async () => {
    const { plan, answer } = await newPlan();
    expect((await w.physician.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(201);
    const where = eq(treatmentPlanChangeRequests.planId, plan.id);
    expect(
      await dbRefusal(t.database.db.update(treatmentPlanChangeRequests).set({ reason: 'Fine' }).where(where)),
    ).toMatch(/UPDATE refused/);
    expect(await dbRefusal(t.database.db.delete(treatmentPlanChangeRequests).where(where))).toMatch(
      /DELETE refused/,
    );
  });
});

describe('what the physician may answer', () => {
  it('refuses a version that is no longer current, and one not awaiting a signature (409)', async () => {
    const { referralId, url, answer } = await newPlan();
    const changed = await w.therapist.agent.put(url, { ...planBody(w, referralId), sessionMinutes: 45 });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await w.physician.agent.post(answer, { reason: REASON, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('The plan changed: version 2 is current. Review it first.');

    expect(
      (await w.physician.agent.post(`${url}/physician-signature`, { typedName: w.physician.name }))
        .statusCode,
    ).toBe(201);
    const signed = await w.physician.agent.post(answer, { reason: REASON, version: 2 });
    expect(signed.statusCode).toBe(409);
    expect(signed.json().error.message).toMatch(/^This plan version is signed/);
    expect(
      await t.database.db
        .select()
        .from(treatmentPlanChangeRequests)
        .where(eq(treatmentPlanChangeRequests.planId, changed.json().id)),
    ).toEqual([]);
  });

  it('wants a reason in plain text, within 2000 characters, and the version read', async () => {
    const { answer } = await newPlan();
    for (const body of [
      { reason: '   ', version: 1 },
      { reason: 'x'.repeat(2001), version: 1 },
      { reason: REASON },
      { reason: REASON, version: 1, extra: true },
    ])
      expect((await w.physician.agent.post(answer, body)).statusCode, JSON.stringify(body).slice(0, 60)).toBe(
        400,
      );
    const empty = await w.physician.agent.post(answer, { reason: '', version: 1 });
    expect(empty.json().error.details).toEqual([
      { path: 'body.reason', message: 'Say what needs to change, and why' },
    ]);
    expect((await w.physician.agent.post(answer, { reason: 'x'.repeat(2000), version: 1 })).statusCode).toBe(
      201,
    );
  });

  it('has no self-referred plan to answer (404)', async () => {
    const { answer } = await newPlan({ referred: false });
    expect((await w.physician.agent.post(answer, { reason: REASON, version: 1 })).statusCode).toBe(404);
  });
});

describe('who may answer', () => {
  it('refuses staff, an unlinked physician, the patient and another clinic, audited as refused', async () => {
    const patientUser = await addMember(t, w.clinicId, ['patient']);
    const { patientId, referralId } = await patientWithReferral(w, {
      health: {},
      userId: patientUser.userId,
    });
    const plan = (
      await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId))
    ).json();
    const answer = `${base(w, patientId)}/plans/${plan.id}/change-requests`;
    const body = { reason: REASON, version: 1 };
    const refusedFor = async (userId: string) =>
      (
        await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.outcome, 'refused')))
      ).map((r) => r.action);

    // Staff do not answer for the physician (the signature is the physician's own too).
    expect((await w.therapist.agent.post(answer, body)).statusCode).toBe(403);
    expect(await refusedFor(w.therapist.userId)).toEqual(['access.plans.sign']);
    expect((await w.owner.post(answer, body)).statusCode).toBe(403);
    // Staff who are also a physician reach the patient as staff: refused too, naming the plan.
    const both = await addMember(t, w.clinicId, ['therapist', 'physician']);
    expect((await both.agent.post(answer, body)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, both.userId)).toEqual([
      'plan.physician_request_changes:allowed',
      'plan.physician_request_changes:refused',
    ]);

    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.post(answer, body)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['plan.physician_request_changes:refused']);

    expect((await patientUser.agent.post(answer, body)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, patientUser.userId)).toEqual([
      'plan.physician_request_changes:refused',
    ]);

    const other = await createOtherClinic(t);
    const elsewhere = await addMember(t, other.clinicId, ['physician']);
    expect((await elsewhere.agent.post(answer, body)).statusCode).toBe(403);
    expect(await refusedFor(elsewhere.userId)).toEqual(['access.plans.sign']);

    expect(
      await t.database.db
        .select()
        .from(treatmentPlanChangeRequests)
        .where(eq(treatmentPlanChangeRequests.planId, plan.id)),
    ).toEqual([]);
    // The linked physician may.
    expect((await w.physician.agent.post(answer, body)).statusCode).toBe(201);
  });
});
