/**
 * Screening cases derived from the clinical reference §3. Each row: a health record, a proposed
 * treatment, the screening date, and what must come out. Screening date is 2025-06-15 unless set.
 */
import { describe, expect, it } from 'vitest';
import { screen } from './screen.ts';
import type {
  Clearance,
  HealthProfile,
  IsoDate,
  IssueKind,
  ProposedTreatment,
  ScreeningStatus,
} from './types.ts';

const ON = '2025-06-15';

interface Case {
  readonly name: string;
  readonly profile: HealthProfile;
  readonly proposed: ProposedTreatment;
  readonly on?: IsoDate;
  readonly clearances?: readonly Clearance[];
  readonly status: ScreeningStatus;
  /** Exactly these rule ids block (default: none). */
  readonly blockedBy?: readonly string[];
  /** These rule ids touch the proposal (blocking or not). */
  readonly applies?: readonly string[];
  /** These rule ids fire for the patient but do not touch the proposal. */
  readonly notApplicable?: readonly string[];
  /** These rule ids do not fire at all. */
  readonly absent?: readonly string[];
  readonly acknowledged?: readonly string[];
  readonly issues?: readonly IssueKind[];
}

const swedish = (...regions: string[]): ProposedTreatment => ({ techniques: ['swedish-massage'], regions });
const deep = (...regions: string[]): ProposedTreatment => ({ techniques: ['deep-tissue-massage'], regions });
const mld = (...regions: string[]): ProposedTreatment => ({
  techniques: ['manual-lymphatic-drainage'],
  regions,
});
const heat = (...regions: string[]): ProposedTreatment => ({ techniques: ['hot-therapy'], regions });
const cold = (...regions: string[]): ProposedTreatment => ({ techniques: ['cold-therapy'], regions });
const light = (p: ProposedTreatment): ProposedTreatment => ({ ...p, pressure: 'light' });

const dvtCalf: HealthProfile = { conditions: [{ code: 'dvt', site: ['calf-left'], onset: '2025-06-01' }] };
const onWarfarin: HealthProfile = { medications: [{ class: 'anticoagulant', name: 'warfarin' }] };
const surgeryOn = (date: string): HealthProfile => ({ surgeries: [{ date, site: ['knee-left'] }] });
const pregnant = (weeks: number): HealthProfile => ({ pregnancy: { weeks } });
const withCode = (code: string, site?: string[], onset?: string): HealthProfile => ({
  conditions: [{ code, ...(site ? { site } : {}), ...(onset ? { onset } : {}) }],
});

const cases: readonly Case[] = [
  // ---- DVT (R47, R48, R49) ----
  {
    name: 'clot in left calf: right-arm Swedish is fine',
    profile: dvtCalf,
    proposed: swedish('arm-right'),
    status: 'clear',
    notApplicable: ['dvt-limb', 'dvt-mld'],
  },
  {
    name: 'clot in left calf: no massage anywhere on the left leg (thigh)',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'clot in left calf: no lymphatic drainage even on the right arm',
    profile: dvtCalf,
    proposed: mld('arm-right'),
    status: 'blocked',
    blockedBy: ['dvt-mld'],
  },
  {
    name: 'clot in left calf: drainage of the left foot breaks both rules',
    profile: dvtCalf,
    proposed: mld('foot-left'),
    status: 'blocked',
    blockedBy: ['dvt-limb', 'dvt-mld'],
  },
  {
    name: 'clot in left calf: Swedish on the whole right leg is fine',
    profile: dvtCalf,
    proposed: swedish('leg-right'),
    status: 'clear',
  },
  {
    name: 'thrombophlebitis in right forearm rules out the whole right arm',
    profile: withCode('thrombophlebitis', ['forearm-right']),
    proposed: swedish('hand-right'),
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'clot without a recorded site is applied everywhere',
    profile: withCode('dvt'),
    proposed: swedish('arm-right'),
    status: 'blocked',
    blockedBy: ['dvt-limb'],
    issues: ['missing-site'],
  },
  {
    name: 'clot with physician clearance: left leg may be treated',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [{ ruleId: 'dvt-limb', date: '2025-06-10' }],
    status: 'proceed-with-precautions',
    acknowledged: ['dvt-limb'],
  },
  {
    name: 'clot dated after the clearance: clearance does not cover it',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [{ ruleId: 'dvt-limb', date: '2025-05-01' }],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'expired clearance does not cover',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [{ ruleId: 'dvt-limb', date: '2025-06-02', expiresOn: '2025-06-14' }],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'clearance scoped to the knee does not cover calf work',
    profile: dvtCalf,
    proposed: swedish('calf-left'),
    clearances: [{ ruleId: 'dvt-limb', date: '2025-06-10', scope: { regions: ['knee-left'] } }],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'clearance by finding key covers that finding only',
    profile: dvtCalf,
    proposed: mld('foot-left'),
    clearances: [{ findingKey: 'dvt-limb:dvt@calf-left#2025-06-01', date: '2025-06-10' }],
    status: 'blocked',
    blockedBy: ['dvt-mld'],
    acknowledged: ['dvt-limb'],
  },
  {
    name: 'physician answered "not cleared": the left leg stays ruled out',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [{ ruleId: 'dvt-limb', date: '2025-06-10', answer: 'not-cleared' }],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'a later "not cleared" withdraws an earlier clearance',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [
      { ruleId: 'dvt-limb', date: '2025-06-05' },
      { ruleId: 'dvt-limb', date: '2025-06-12', answer: 'not-cleared' },
    ],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'a clearance after a "not cleared" lifts the restriction',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [
      { ruleId: 'dvt-limb', date: '2025-06-05', answer: 'not-cleared' },
      { ruleId: 'dvt-limb', date: '2025-06-12', answer: 'cleared-with-limits', limits: 'Light pressure' },
    ],
    status: 'proceed-with-precautions',
    acknowledged: ['dvt-limb'],
  },
  {
    name: 'same day: the answer recorded last stands',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [
      { ruleId: 'dvt-limb', date: '2025-06-12', answer: 'not-cleared', recordedAt: '2025-06-12T10:00:00Z' },
      { ruleId: 'dvt-limb', date: '2025-06-12', recordedAt: '2025-06-12T11:00:00Z' },
    ],
    status: 'proceed-with-precautions',
    acknowledged: ['dvt-limb'],
  },
  {
    name: 'same day without recording times: "not cleared" stands',
    profile: dvtCalf,
    proposed: swedish('thigh-anterior-left'),
    clearances: [
      { ruleId: 'dvt-limb', date: '2025-06-12' },
      { ruleId: 'dvt-limb', date: '2025-06-12', answer: 'not-cleared' },
    ],
    status: 'blocked',
    blockedBy: ['dvt-limb'],
  },
  {
    name: 'resolved clot no longer applies',
    profile: { conditions: [{ code: 'dvt', site: ['calf-left'], resolvedOn: '2025-05-01' }] },
    proposed: swedish('calf-left'),
    status: 'clear',
    absent: ['dvt-limb', 'dvt-mld'],
  },
  // ---- Bleeding risk (R52, R50, R61) ----
  {
    name: 'anticoagulant: light Swedish is allowed with a precaution',
    profile: onWarfarin,
    proposed: light(swedish('upper-back')),
    status: 'proceed-with-precautions',
    applies: ['bleeding-light-pressure'],
  },
  {
    name: 'anticoagulant: deep tissue is ruled out',
    profile: onWarfarin,
    proposed: deep('low-back'),
    status: 'blocked',
    blockedBy: ['bleeding-light-pressure'],
  },
  {
    name: 'anticoagulant: Swedish at its default moderate pressure is too deep',
    profile: onWarfarin,
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['bleeding-light-pressure'],
  },
  {
    name: 'bleeding disorder: no hot packs',
    profile: withCode('bleeding-disorder'),
    proposed: heat('low-back'),
    status: 'blocked',
    blockedBy: ['bleeding-heat'],
  },
  {
    name: 'anticoagulant stopped before the visit: nothing applies',
    profile: { medications: [{ class: 'anticoagulant', stoppedOn: '2025-01-01' }] },
    proposed: deep('low-back'),
    status: 'clear',
    absent: ['bleeding-light-pressure'],
  },
  // ---- Heart failure, kidneys and MLD (R48, R49) ----
  {
    name: 'uncontrolled heart failure: lymphatic drainage ruled out',
    profile: withCode('heart-failure-uncontrolled'),
    proposed: mld('arm-left'),
    status: 'blocked',
    blockedBy: ['heart-failure-uncontrolled-mld'],
  },
  {
    name: 'uncontrolled heart failure: Swedish back massage unaffected',
    profile: withCode('heart-failure-uncontrolled'),
    proposed: swedish('upper-back'),
    status: 'clear',
  },
  {
    name: 'controlled heart failure: drainage needs clearance',
    profile: withCode('heart-failure-controlled'),
    proposed: mld('leg-left'),
    status: 'blocked',
    blockedBy: ['heart-failure-controlled-mld'],
  },
  {
    name: 'controlled heart failure with clearance: acknowledged, not blocking',
    profile: withCode('heart-failure-controlled'),
    proposed: mld('leg-left'),
    clearances: [{ ruleId: 'heart-failure-controlled-mld', date: '2025-06-01', clearedBy: 'Dr Lee' }],
    status: 'proceed-with-precautions',
    acknowledged: ['heart-failure-controlled-mld'],
  },
  {
    name: 'renal failure: drainage needs clearance',
    profile: withCode('renal-failure'),
    proposed: mld('arm-left'),
    status: 'blocked',
    blockedBy: ['renal-failure-mld'],
  },
  // ---- Recent surgery (R53, R47): 6 weeks = 42 days ----
  {
    name: 'surgery 4 weeks ago: no deep pressure at the site',
    profile: surgeryOn('2025-05-18'),
    proposed: deep('knee-left'),
    status: 'blocked',
    blockedBy: ['surgery-site'],
  },
  {
    name: 'surgery 8 weeks ago: deep pressure at the site allowed',
    profile: surgeryOn('2025-04-20'),
    proposed: deep('knee-left'),
    status: 'clear',
    absent: ['surgery-site'],
  },
  {
    name: 'surgery exactly 42 days ago: 6 weeks reached, rule ends',
    profile: surgeryOn('2025-05-04'),
    proposed: deep('knee-left'),
    status: 'clear',
    absent: ['surgery-site'],
  },
  {
    name: 'surgery 41 days ago: still within 6 weeks',
    profile: surgeryOn('2025-05-05'),
    proposed: deep('knee-left'),
    status: 'blocked',
    blockedBy: ['surgery-site'],
  },
  {
    name: 'surgery 4 weeks ago on the left knee: right knee is fine',
    profile: surgeryOn('2025-05-18'),
    proposed: deep('knee-right'),
    status: 'clear',
    notApplicable: ['surgery-site'],
  },
  {
    name: 'surgery without a date is treated as recent',
    profile: { surgeries: [{ site: ['knee-left'] }] },
    proposed: deep('knee-left'),
    status: 'blocked',
    blockedBy: ['surgery-site'],
    issues: ['missing-date'],
  },
  {
    name: 'surgery dated in the future is not applied, and said so',
    profile: surgeryOn('2025-07-01'),
    proposed: deep('knee-left'),
    status: 'clear',
    absent: ['surgery-site'],
    issues: ['future-date'],
  },
  // ---- Systemic illness (R50) ----
  {
    name: 'fever defers everything, even a hand massage',
    profile: withCode('fever'),
    proposed: light(swedish('hand-right')),
    status: 'blocked',
    blockedBy: ['systemic-illness-defer'],
  },
  {
    name: 'fever cannot be overridden by a clearance',
    profile: withCode('fever'),
    proposed: swedish('hand-right'),
    clearances: [{ ruleId: 'systemic-illness-defer', date: '2025-06-14' }],
    status: 'blocked',
    blockedBy: ['systemic-illness-defer'],
    issues: ['clearance-not-applicable'],
  },
  {
    name: 'contagious illness defers cold packs too',
    profile: withCode('contagious-illness'),
    proposed: cold('ankle-left'),
    status: 'blocked',
    blockedBy: ['systemic-illness-defer'],
  },
  {
    name: 'uncontrolled hypertension defers treatment',
    profile: withCode('uncontrolled-hypertension'),
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['uncontrolled-hypertension-defer'],
  },
  // ---- Heat and cold (R61, R62, R63) ----
  {
    name: 'heat over numb skin is ruled out',
    profile: withCode('impaired-sensation', ['foot-left']),
    proposed: heat('foot-left'),
    status: 'blocked',
    blockedBy: ['numbness-heat-cold'],
  },
  {
    name: '"numbness" alias on the left foot: cold on the right foot is fine',
    profile: withCode('numbness', ['foot-left']),
    proposed: cold('foot-right'),
    status: 'clear',
  },
  {
    name: "cold with Raynaud's is ruled out",
    profile: withCode('raynauds'),
    proposed: cold('hand-right'),
    status: 'blocked',
    blockedBy: ['cold-intolerance'],
  },
  {
    name: "heat with Raynaud's is not affected",
    profile: withCode('raynauds'),
    proposed: heat('neck-posterior'),
    status: 'clear',
  },
  {
    name: 'opioid (sedating) medicine: no hot packs',
    profile: { medications: [{ class: 'opioid', name: 'oxycodone' }] },
    proposed: heat('low-back'),
    status: 'blocked',
    blockedBy: ['sedation-heat'],
  },
  {
    name: 'diabetic neuropathy in the foot: deep pressure there too deep',
    profile: withCode('diabetic-neuropathy', ['foot-left']),
    proposed: deep('foot-left'),
    status: 'blocked',
    blockedBy: ['diabetic-neuropathy-care'],
  },
  {
    name: 'diabetic neuropathy in the foot: light work there with care',
    profile: withCode('diabetic-neuropathy', ['foot-left']),
    proposed: light(swedish('foot-left')),
    status: 'proceed-with-precautions',
    applies: ['diabetic-neuropathy-care'],
  },
  // ---- Spine (R51) ----
  {
    name: 'herniated lumbar disc: deep work in the low back is a precaution',
    profile: withCode('herniated-disc', ['low-back']),
    proposed: deep('low-back'),
    status: 'proceed-with-precautions',
    applies: ['disc-care'],
  },
  {
    name: 'herniated lumbar disc: the precaution covers the sacrum (lumbar area)',
    profile: withCode('herniated-disc', ['low-back']),
    proposed: swedish('sacrum'),
    status: 'proceed-with-precautions',
    applies: ['disc-care'],
  },
  {
    name: 'herniated lumbar disc: neck work is unaffected',
    profile: withCode('herniated-disc', ['low-back']),
    proposed: swedish('neck-posterior'),
    status: 'clear',
    notApplicable: ['disc-care'],
  },
  {
    name: 'red-flag nerve symptoms defer treatment',
    profile: withCode('radiculopathy-red-flags'),
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['red-flags-defer'],
  },
  // ---- Pregnancy (R55–R57, R49, R61) ----
  {
    name: 'first trimester needs clearance',
    profile: pregnant(10),
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['pregnancy-first-trimester'],
  },
  {
    name: 'first trimester with clearance: acknowledged',
    profile: pregnant(10),
    proposed: swedish('upper-back'),
    clearances: [{ ruleId: 'pregnancy-first-trimester', date: '2025-06-01' }],
    status: 'proceed-with-precautions',
    acknowledged: ['pregnancy-first-trimester'],
  },
  {
    name: 'third trimester: abdomen avoided',
    profile: pregnant(30),
    proposed: light(swedish('abdomen')),
    status: 'blocked',
    blockedBy: ['pregnancy-abdomen-late'],
  },
  {
    name: 'third trimester: no deep pressure on the legs',
    profile: pregnant(30),
    proposed: deep('calf-left'),
    status: 'blocked',
    blockedBy: ['pregnancy-legs-no-deep'],
  },
  {
    name: 'third trimester: back massage with positioning precautions',
    profile: pregnant(30),
    proposed: swedish('upper-back'),
    status: 'proceed-with-precautions',
    applies: ['pregnancy-consult', 'pregnancy-positioning'],
    absent: ['pregnancy-first-trimester'],
  },
  {
    name: 'due date three weeks away (week 37): abdominal drainage ruled out',
    profile: { pregnancy: { dueDate: '2025-07-06' } },
    proposed: mld('abdomen'),
    status: 'blocked',
    blockedBy: ['pregnancy-abdomen-late', 'abdomen-mld'],
  },
  {
    name: '13 weeks recorded three weeks ago = 16 weeks now: no first-trimester rule',
    profile: { pregnancy: { weeks: 13, weeksRecordedOn: '2025-05-25' } },
    proposed: swedish('upper-back'),
    status: 'proceed-with-precautions',
    absent: ['pregnancy-first-trimester'],
  },
  {
    name: 'exactly 14 weeks: second trimester',
    profile: pregnant(14),
    proposed: swedish('upper-back'),
    status: 'proceed-with-precautions',
    absent: ['pregnancy-first-trimester'],
  },
  {
    name: 'second trimester: abdomen allowed with very light touch',
    profile: pregnant(20),
    proposed: light(swedish('abdomen')),
    status: 'proceed-with-precautions',
    applies: ['pregnancy-abdomen-light'],
    absent: ['pregnancy-abdomen-late', 'pregnancy-positioning'],
  },
  {
    name: 'pregnancy without weeks: every trimester rule applies, flagged for review',
    profile: withCode('pregnancy'),
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['pregnancy-first-trimester'],
    issues: ['pregnancy-weeks-unknown'],
  },
  {
    name: 'high-risk pregnancy needs clearance',
    profile: { pregnancy: { weeks: 24, highRisk: true } },
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['high-risk-pregnancy'],
  },
  // ---- Cancer (R52–R54, R48, R49) ----
  {
    name: 'cancer in the chest: no pressure on the tumour site',
    profile: withCode('cancer', ['chest']),
    proposed: light(swedish('chest')),
    status: 'blocked',
    blockedBy: ['cancer-site-avoid'],
  },
  {
    name: 'cancer: deep pressure elsewhere needs the oncologist',
    profile: withCode('cancer', ['chest']),
    proposed: deep('thigh-posterior-left'),
    status: 'blocked',
    blockedBy: ['cancer-deep-pressure'],
  },
  {
    name: 'cancer: oncologist clearance acknowledges deep pressure',
    profile: withCode('cancer', ['chest']),
    proposed: deep('thigh-posterior-left'),
    clearances: [{ ruleId: 'cancer-deep-pressure', date: '2025-06-01' }],
    status: 'proceed-with-precautions',
    acknowledged: ['cancer-deep-pressure'],
  },
  {
    name: 'bone metastases: percussion ruled out',
    profile: withCode('bone-metastasis'),
    proposed: { techniques: ['percussion-vibration'], regions: ['upper-back'] },
    status: 'blocked',
    blockedBy: ['bone-metastasis-light'],
  },
  // ---- Bone ----
  {
    name: 'osteoporosis: gentle joint mobilisation allowed with care',
    profile: withCode('osteoporosis'),
    proposed: { techniques: ['joint-mobilisation'], regions: ['shoulder-right'] },
    status: 'proceed-with-precautions',
    applies: ['osteoporosis-gentle'],
  },
  {
    name: 'osteoporosis: percussion ruled out',
    profile: withCode('osteoporosis'),
    proposed: { techniques: ['sports-percussion'], regions: ['upper-back'] },
    status: 'blocked',
    blockedBy: ['osteoporosis-gentle'],
  },
  // ---- Stroke and neck (R51, R49) ----
  {
    name: 'stroke 30 days ago: no neck work without clearance',
    profile: withCode('recent-stroke-tia', undefined, '2025-05-16'),
    proposed: swedish('neck-posterior'),
    status: 'blocked',
    blockedBy: ['recent-stroke-neck'],
  },
  {
    name: 'stroke 30 days ago: upper trapezius counts as neck',
    profile: withCode('recent-stroke-tia', undefined, '2025-05-16'),
    proposed: swedish('upper-trapezius-left'),
    status: 'blocked',
    blockedBy: ['recent-stroke-neck'],
  },
  {
    name: 'stroke over 3 months ago: rule ends',
    profile: withCode('recent-stroke-tia', undefined, '2025-02-14'),
    proposed: swedish('neck-posterior'),
    status: 'clear',
    absent: ['recent-stroke-neck'],
  },
  {
    name: 'carotid bruit with neck-scoped clearance: acknowledged',
    profile: withCode('carotid-bruit'),
    proposed: swedish('neck-anterior'),
    clearances: [{ ruleId: 'carotid-bruit-neck', date: '2025-06-01', scope: { regions: ['neck'] } }],
    status: 'proceed-with-precautions',
    acknowledged: ['carotid-bruit-neck'],
  },
  {
    name: 'hyperthyroidism: no drainage on the neck',
    profile: withCode('hyperthyroidism'),
    proposed: mld('neck-anterior'),
    status: 'blocked',
    blockedBy: ['neck-mld'],
  },
  {
    name: 'hyperthyroidism: drainage of the arm is fine',
    profile: withCode('hyperthyroidism'),
    proposed: mld('arm-left'),
    status: 'clear',
  },
  {
    name: 'age over 60 with lymphoedema: neck drainage with care',
    profile: { birthDate: '1950-01-01', conditions: [{ code: 'lymphoedema', site: ['arm-left'] }] },
    proposed: mld('neck-anterior'),
    status: 'proceed-with-precautions',
    applies: ['neck-mld-age', 'lymphoedema-mld-check'],
  },
  {
    name: 'menstruation: no abdominal drainage',
    profile: withCode('menstruation'),
    proposed: mld('abdomen'),
    status: 'blocked',
    blockedBy: ['abdomen-mld'],
  },
  // ---- Local lesions and vessels (R47, R50, R51) ----
  {
    name: 'bruise on left shin: left shin avoided',
    profile: withCode('bruise', ['shin-left']),
    proposed: light(swedish('shin-left')),
    status: 'blocked',
    blockedBy: ['local-lesion-avoid'],
  },
  {
    name: 'bruise on left shin: right shin fine',
    profile: withCode('bruise', ['shin-left']),
    proposed: swedish('shin-right'),
    status: 'clear',
  },
  {
    name: 'open wound on the hand: no cold pack there',
    profile: withCode('open-wound', ['hand-right']),
    proposed: cold('hand-right'),
    status: 'blocked',
    blockedBy: ['local-lesion-avoid'],
  },
  {
    name: 'varicose veins on the right calf: avoided',
    profile: withCode('varicose-veins', ['calf-right']),
    proposed: swedish('calf-right'),
    status: 'blocked',
    blockedBy: ['vascular-site-avoid'],
  },
  {
    name: 'aortic aneurysm: abdomen avoided',
    profile: withCode('aortic-aneurysm'),
    proposed: light(swedish('abdomen')),
    status: 'blocked',
    blockedBy: ['aortic-aneurysm-abdomen'],
  },
  {
    name: 'cellulitis on the left forearm: no drainage anywhere',
    profile: withCode('cellulitis', ['forearm-left']),
    proposed: mld('leg-right'),
    status: 'blocked',
    blockedBy: ['cellulitis-mld'],
  },
  // ---- Nothing applies ----
  {
    name: 'empty record: deep tissue on the back is clear',
    profile: {},
    proposed: deep('upper-back', 'mid-back'),
    status: 'clear',
  },
  {
    name: 'lymphoedema alone does not restrict Swedish massage',
    profile: withCode('lymphoedema', ['arm-left']),
    proposed: swedish('upper-back'),
    status: 'clear',
  },
  {
    name: 'allergies alone do not restrict treatment',
    profile: { allergies: ['latex'] },
    proposed: swedish('upper-back'),
    status: 'clear',
  },
  // ---- Bad or unknown input: reported, never silently ignored ----
  {
    name: 'unknown condition code needs review',
    profile: withCode('gout-flare', ['foot-left']),
    proposed: swedish('upper-back'),
    status: 'needs-review',
    issues: ['unknown-condition'],
  },
  {
    name: 'unknown medication class needs review',
    profile: { medications: [{ class: 'beta-blocker' }] },
    proposed: swedish('upper-back'),
    status: 'needs-review',
    issues: ['unknown-medication-class'],
  },
  {
    name: 'unknown technique is still caught by a defer rule',
    profile: withCode('fever'),
    proposed: { techniques: ['cupping'], regions: ['upper-back'] },
    status: 'blocked',
    blockedBy: ['systemic-illness-defer'],
    issues: ['unknown-technique'],
  },
  {
    name: 'unknown body region in a condition needs review',
    profile: withCode('bruise', ['left-pinky']),
    proposed: swedish('upper-back'),
    status: 'blocked',
    blockedBy: ['local-lesion-avoid'],
    issues: ['unknown-site', 'missing-site'],
  },
  {
    name: 'invalid onset date is reported and treated as unknown',
    profile: withCode('recent-stroke-tia', undefined, '2025-13-45'),
    proposed: swedish('neck-posterior'),
    status: 'blocked',
    blockedBy: ['recent-stroke-neck'],
    issues: ['invalid-date', 'missing-date'],
  },
  {
    name: 'clearance naming a rule that does not exist is reported',
    profile: {},
    proposed: swedish('upper-back'),
    clearances: [{ ruleId: 'no-such-rule', date: '2025-06-01' }],
    status: 'needs-review',
    issues: ['invalid-clearance'],
  },
];

describe('a physician who answers "not cleared"', () => {
  it('keeps the restriction and names the answer on the finding, until a later clearance', () => {
    const refusal: Clearance = {
      ruleId: 'dvt-limb',
      date: '2025-06-10',
      answer: 'not-cleared',
      clearedBy: 'Dr Lee',
      note: 'Repeat ultrasound first',
    };
    const refused = screen(dvtCalf, swedish('calf-left'), ON, [refusal]);
    const limb = refused.findings.find((f) => f.ruleId === 'dvt-limb')!;
    expect(limb).toMatchObject({ acknowledged: false, blocking: true, clearance: null, declined: refusal });
    // The clot's other restriction was not answered.
    expect(refused.notApplicable.find((f) => f.ruleId === 'dvt-mld')?.declined).toBeNull();

    const later: Clearance = {
      ruleId: 'dvt-limb',
      date: '2025-06-14',
      answer: 'cleared-with-limits',
      limits: 'Light',
    };
    const cleared = screen(dvtCalf, swedish('calf-left'), ON, [refusal, later]);
    expect(cleared.findings.find((f) => f.ruleId === 'dvt-limb')).toMatchObject({
      acknowledged: true,
      blocking: false,
      clearance: later,
      declined: null,
    });
  });

  it('is not older than the fact it answers', () => {
    const before = screen(dvtCalf, swedish('calf-left'), ON, [
      { ruleId: 'dvt-limb', date: '2025-05-01', answer: 'not-cleared' },
    ]);
    expect(before.findings.find((f) => f.ruleId === 'dvt-limb')?.declined).toBeNull();
  });
});

describe('screen(): contraindication table', () => {
  it('has at least 45 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases)('$name', (c) => {
    const result = screen(c.profile, c.proposed, c.on ?? ON, c.clearances ?? []);
    const blocking = result.findings.filter((f) => f.blocking).map((f) => f.ruleId);
    const touching = result.findings.map((f) => f.ruleId);
    const untouched = result.notApplicable.map((f) => f.ruleId);

    expect(result.status).toBe(c.status);
    expect(result.blocked).toBe(c.status === 'blocked');
    expect([...new Set(blocking)].sort()).toEqual([...(c.blockedBy ?? [])].sort());
    for (const id of c.applies ?? []) expect(touching).toContain(id);
    for (const id of c.notApplicable ?? []) {
      expect(untouched).toContain(id);
      expect(touching).not.toContain(id);
    }
    for (const id of c.absent ?? []) {
      expect(touching).not.toContain(id);
      expect(untouched).not.toContain(id);
    }
    for (const id of c.acknowledged ?? []) {
      const finding = result.findings.find((f) => f.ruleId === id);
      expect(finding?.acknowledged).toBe(true);
      expect(finding?.blocking).toBe(false);
      expect(finding?.clearance).not.toBeNull();
    }
    const kinds = result.issues.map((i) => i.kind);
    for (const kind of c.issues ?? []) expect(kinds).toContain(kind);
    if (!c.issues) expect(result.issues.filter((i) => i.level === 'review')).toEqual([]);
  });
});
