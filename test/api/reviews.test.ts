import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reviewModerationLog, reviews, users } from '../../src/db/schema/index.ts';
import type { Agent } from '../helpers/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import { insertAppointment, jsonLdOf, publishClinic, publishTherapist } from './directory-support.ts';
import { addPatient, buildWorld, ok, type SchedulingWorld } from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;
let therapistId: string;
let slug: string;
let clinicSlug: string;
let ownerId: string;
const DAY = 86_400_000;
const patientsWithAccounts: { patientId: string; agent: Agent }[] = [];

async function appointment(patientId: string, daysAgo: number, status: 'booked' | 'completed' = 'completed') {
  return insertAppointment(t, {
    clinicId: w.clinicId,
    patientId,
    therapistId,
    serviceId: w.serviceId,
    roomId: w.rooms[0]!.id,
    locationId: w.locationId,
    start: new Date(
      Math.floor((t.clock.now().getTime() - daysAgo * DAY) / 3_600_000) * 3_600_000 -
        patientsWithAccounts.length * 7_200_000,
    ),
    status,
    bookedBy: ownerId,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  therapistId = w.therapists[0]!.userId;
  ownerId = (
    await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@harbor.test'))
  )[0]!.id;
  clinicSlug = (await publishClinic(w.owner, w.clinicId)).slug;
  slug = (
    await publishTherapist(w.owner, w.clinicId, therapistId, {
      displayName: 'Ana Reyes',
      conditions: ['sciatica'],
    })
  ).slug;
  for (let i = 0; i < 3; i++) {
    const p = await addPatient(t, w.clinicId, { withAccount: true, first: `Reviewer${i}` });
    patientsWithAccounts.push({ patientId: p.patientId, agent: p.agent! });
  }
}, 120_000);
afterAll(() => t?.close());

describe('verified reviews', () => {
  let reviewId: string;
  let lowId: string;

  it('refuses a review without a completed session (422) and of someone else’s appointment (403)', async () => {
    const [a, b] = patientsWithAccounts;
    const booked = await appointment(a!.patientId, -2, 'booked');
    const notYet = await a!.agent.post('/api/reviews', {
      appointmentId: booked,
      rating: 5,
      body: 'Lovely and attentive therapist.',
    });
    expect(notYet.statusCode).toBe(422);
    const eligibility = await ok(await a!.agent.get(`/api/reviews/eligibility?appointmentId=${booked}`));
    expect(eligibility).toMatchObject({ eligible: false, therapistName: expect.any(String) });
    const theirs = await b!.agent.post('/api/reviews', {
      appointmentId: booked,
      rating: 1,
      body: 'Not my appointment at all.',
    });
    expect(theirs.statusCode).toBe(403);
    const staff = await w.owner.post('/api/reviews', {
      appointmentId: booked,
      rating: 5,
      body: 'Writing for the patient.',
    });
    expect(staff.statusCode).toBe(403);
    const anonymous = await t
      .agent()
      .post('/api/reviews', { appointmentId: booked, rating: 5, body: 'Who am I even.' });
    expect(anonymous.statusCode).toBe(401);
    expect(await t.database.db.select().from(reviews)).toHaveLength(0);
  });

  it('catches obvious health details (422 with the words) so the patient can rephrase', async () => {
    const [a] = patientsWithAccounts;
    const done = await appointment(a!.patientId, 3);
    for (const [text, words] of [
      ['She was so careful with my DVT and explained everything.', ['DVT']],
      ['I take warfarin so she adapted the pressure, great.', ['warfarin']],
      ['Helped my fibromyalgia more than anything else.', ['fibromyalgia']],
      ['My referral said M54.50 and she knew exactly what to do.', ['M54.50']],
    ] as const) {
      const refused = await a!.agent.post('/api/reviews', { appointmentId: done, rating: 5, body: text });
      expect(refused.statusCode, text).toBe(422);
      expect(refused.json().error.details[0]).toMatchObject({ path: 'body.body', words });
    }
    const created = await ok(
      await a!.agent.post('/api/reviews', {
        appointmentId: done,
        rating: 5,
        body: 'Calm, kind and very skilled. I left feeling much better.',
      }),
      201,
    );
    reviewId = created.id;
    expect(created.status).toBe('published');
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'review.create'));
    expect(audits.filter((r) => r.outcome === 'allowed').length).toBeGreaterThan(0);
  });

  it('allows one review per course of care: a second in the 180-day window is refused (409)', async () => {
    const [a] = patientsWithAccounts;
    const again = await appointment(a!.patientId, 1);
    const second = await a!.agent.post('/api/reviews', {
      appointmentId: again,
      rating: 4,
      body: 'Second visit was just as good as the first one.',
    });
    expect(second.statusCode).toBe(409);
    const eligibility = await ok(await a!.agent.get(`/api/reviews/eligibility?appointmentId=${again}`));
    expect(eligibility.eligible).toBe(false);
    // Outside the window (200 days earlier) is another course of care.
    const longAgo = await appointment(a!.patientId, 200);
    await ok(
      await a!.agent.post('/api/reviews', {
        appointmentId: longAgo,
        rating: 4,
        body: 'Good first course of treatment.',
      }),
      201,
    );
  });

  it('lets the clinic reply publicly but not edit or delete the patient’s words', async () => {
    const reply = await ok(
      await w.owner.put(`/api/clinics/${w.clinicId}/reviews/${reviewId}/reply`, {
        body: 'Thank you, we are glad you came.',
      }),
    );
    expect(reply.reply).toBe('Thank you, we are glad you came.');
    const healthReply = await w.owner.put(`/api/clinics/${w.clinicId}/reviews/${reviewId}/reply`, {
      body: 'Glad your sciatica is better!',
    });
    expect(healthReply.statusCode).toBe(422);
    expect((await w.owner.delete(`/api/clinics/${w.clinicId}/reviews/${reviewId}`)).statusCode).toBe(404);
    expect(
      (await w.owner.patch(`/api/clinics/${w.clinicId}/reviews/${reviewId}`, { body: 'x' })).statusCode,
    ).toBe(404);
    // The database refuses it too.
    await expect(
      t.database.db.update(reviews).set({ body: 'Edited by the clinic' }).where(eq(reviews.id, reviewId)),
    ).rejects.toThrow();
    await expect(t.database.db.delete(reviews).where(eq(reviews.id, reviewId))).rejects.toThrow();
    const page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('Calm, kind and very skilled.');
    expect(page).toContain('Reply from Harbor Medical Massage');
    expect(page).not.toContain('Reviewer0');
  });

  it('computes aggregates honestly: low ratings count; only a logged moderation decision hides a review', async () => {
    const [, b] = patientsWithAccounts;
    const done = await appointment(b!.patientId, 2);
    lowId = (
      await ok(
        await b!.agent.post('/api/reviews', {
          appointmentId: done,
          rating: 1,
          body: 'Started late and felt rushed.',
        }),
        201,
      )
    ).id;
    // 5, 4, 1 → 3.3 from 3 reviews, on the therapist and the clinic page and in search.
    let page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('3.3 out of 5 from 3 verified reviews');
    expect(
      (
        jsonLdOf((await t.agent().get(`/clinics/${clinicSlug}`)).body).aggregateRating as {
          reviewCount: number;
        }
      ).reviewCount,
    ).toBe(3);
    const found = await ok(await t.agent().get('/api/directory/search?condition=sciatica'));
    expect(found.items[0].rating).toEqual({ average: 3.3, count: 3 });

    // A therapist reports the low review; only the owner may decide.
    const therapist = w.therapists[0]!.agent;
    const report = await ok(
      await therapist.post(`/api/clinics/${w.clinicId}/reviews/${lowId}/report`, {
        reason: 'Names a colleague by name',
      }),
      201,
    );
    const duplicate = await therapist.post(`/api/clinics/${w.clinicId}/reviews/${lowId}/report`, {
      reason: 'Again please',
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await therapist.get(`/api/clinics/${w.clinicId}/moderation`)).statusCode).toBe(403);
    const refusedDecision = await therapist.post(
      `/api/clinics/${w.clinicId}/moderation/${report.id}/decision`,
      {
        decision: 'hide',
        reason: 'I do not like it',
      },
    );
    expect(refusedDecision.statusCode).toBe(403);
    // Still counted while in the queue.
    page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('from 3 verified reviews');

    const queue = await ok(await w.owner.get(`/api/clinics/${w.clinicId}/moderation`));
    expect(queue.items.map((i: { reviewId: string }) => i.reviewId)).toEqual([lowId]);
    const kept = await ok(
      await w.owner.post(`/api/clinics/${w.clinicId}/moderation/${report.id}/decision`, {
        decision: 'keep',
        reason: 'Honest feedback about our service, no personal data',
      }),
    );
    expect(kept.decision).toBe('keep');
    const decidedTwice = await w.owner.post(`/api/clinics/${w.clinicId}/moderation/${report.id}/decision`, {
      decision: 'hide',
      reason: 'Changed my mind',
    });
    expect(decidedTwice.statusCode).toBe(409);
    page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('Started late and felt rushed.');

    // A second report, hidden with a reason: excluded from the aggregate, logged, audited.
    const second = await ok(
      await w.owner.post(`/api/clinics/${w.clinicId}/reviews/${lowId}/report`, {
        reason: 'Contains a staff member’s full name',
      }),
      201,
    );
    await ok(
      await w.owner.post(`/api/clinics/${w.clinicId}/moderation/${second.id}/decision`, {
        decision: 'hide',
        reason: 'Names a staff member in full',
      }),
    );
    page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('4.5 out of 5 from 2 verified reviews');
    expect(page).not.toContain('Started late');
    const log = await ok(await w.owner.get(`/api/clinics/${w.clinicId}/reviews/${lowId}/moderation-log`));
    expect(log.items.map((e: { decision: string }) => e.decision)).toEqual(['keep', 'hide']);
    await expect(
      t.database.db
        .update(reviewModerationLog)
        .set({ reason: 'rewritten' })
        .where(eq(reviewModerationLog.reviewId, lowId)),
    ).rejects.toThrow();
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, lowId), sql`${auditLog.action} like 'review.moderation.%'`));
    expect(audits.map((a) => a.action).sort()).toEqual(['review.moderation.hide', 'review.moderation.keep']);
    const staffList = await ok(await w.owner.get(`/api/clinics/${w.clinicId}/reviews`));
    expect(staffList.items.find((r: { id: string }) => r.id === lowId).status).toBe('hidden');
  });

  it('a front-desk member replies; a therapist cannot reply to a colleague’s review', async () => {
    const frontDesk = w.frontDesk;
    await ok(
      await frontDesk.put(`/api/clinics/${w.clinicId}/reviews/${reviewId}/reply`, { body: 'Thanks again!' }),
    );
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    const refused = await colleague.agent.put(`/api/clinics/${w.clinicId}/reviews/${reviewId}/reply`, {
      body: 'Hi',
    });
    expect(refused.statusCode).toBe(403);
  });
});
