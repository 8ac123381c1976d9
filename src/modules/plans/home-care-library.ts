/**
 * Home-care library: stretches, exercises and self-care advice a plan can prescribe. Reviewable data:
 * ids are stored in plans, so never rename or delete one (add a new one instead). The text is written for
 * the patient. Dosages are typical starting points the therapist adjusts per plan; they are general
 * self-care guidance, not taken from the clinical reference (review clinically before use).
 */
import type { RegionGroupId } from '../../domain/catalog/body-regions.ts';
import type { SafetyTag } from '../../domain/catalog/techniques.ts';

export interface HomeCareExercise {
  readonly id: string;
  readonly kind: 'stretch' | 'exercise' | 'self-massage';
  readonly name: string;
  readonly areas: readonly RegionGroupId[];
  readonly instructions: string;
  readonly dosage: string;
  readonly cautions: string;
}

export interface SelfCareAdvice {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** Heat or cold the patient applies: screened like a hot-pack (cold-pack) row on the plan's regions. */
  readonly safetyTags?: readonly SafetyTag[];
}

export const HOME_CARE_EXERCISES = [
  {
    id: 'upper-trapezius-stretch',
    kind: 'stretch',
    name: 'Upper trapezius stretch',
    areas: ['neck'],
    instructions:
      'Sit tall. Hold the edge of your chair with your right hand, gently tip your left ear toward your left shoulder until you feel a stretch on the right side of your neck. Breathe slowly. Repeat on the other side.',
    dosage: 'Hold 30 seconds, 3 times each side, twice a day',
    cautions: 'Stop if you feel tingling or numbness in the arm.',
  },
  {
    id: 'chin-tuck',
    kind: 'exercise',
    name: 'Chin tucks',
    areas: ['neck'],
    instructions:
      'Sit or stand tall, looking straight ahead. Slide your chin straight back (make a "double chin") without tipping your head down. Hold, then relax.',
    dosage: 'Hold 5 seconds, 10 times, 3 times a day',
    cautions: 'Keep the movement small and pain-free.',
  },
  {
    id: 'doorway-pec-stretch',
    kind: 'stretch',
    name: 'Doorway chest stretch',
    areas: ['chest'],
    instructions:
      'Stand in a doorway with your forearms on the frame, elbows at shoulder height. Step one foot forward until you feel a stretch across the front of your chest.',
    dosage: 'Hold 30 seconds, 3 times, once or twice a day',
    cautions: 'Avoid if it brings on shoulder pain or pins and needles.',
  },
  {
    id: 'knee-to-chest',
    kind: 'stretch',
    name: 'Single knee to chest',
    areas: ['lumbar'],
    instructions:
      'Lie on your back with knees bent. Bring one knee toward your chest, holding behind the thigh, until you feel a gentle stretch in the low back and buttock. Lower and switch sides.',
    dosage: 'Hold 20–30 seconds, 3 times each side, twice a day',
    cautions: 'Stop if pain spreads down the leg.',
  },
  {
    id: 'pelvic-tilt',
    kind: 'exercise',
    name: 'Pelvic tilts',
    areas: ['lumbar'],
    instructions:
      'Lie on your back with knees bent and feet flat. Gently flatten your low back into the floor by tightening your stomach muscles, hold, then relax.',
    dosage: '10 repetitions, hold 5 seconds, twice a day',
    cautions: 'Breathe normally; do not hold your breath.',
  },
  {
    id: 'piriformis-stretch',
    kind: 'stretch',
    name: 'Piriformis (figure-four) stretch',
    areas: ['leg-left', 'leg-right', 'lumbar'],
    instructions:
      'Lie on your back, cross one ankle over the opposite knee, and pull the uncrossed thigh toward you until you feel a stretch deep in the buttock.',
    dosage: 'Hold 30 seconds, 3 times each side, once or twice a day',
    cautions: 'Ease off if you feel pain down the back of the leg.',
  },
  {
    id: 'hamstring-stretch',
    kind: 'stretch',
    name: 'Hamstring stretch (lying, with a strap)',
    areas: ['leg-left', 'leg-right'],
    instructions:
      'Lie on your back, loop a towel or strap around one foot and raise the straight leg until you feel a stretch behind the thigh.',
    dosage: 'Hold 30 seconds, 3 times each leg, once a day',
    cautions: 'Keep the other knee bent if your low back is sensitive.',
  },
  {
    id: 'calf-stretch',
    kind: 'stretch',
    name: 'Calf stretch at the wall',
    areas: ['leg-left', 'leg-right'],
    instructions:
      'Face a wall with hands on it, one foot back, heel down and knee straight. Lean forward until you feel a stretch in the calf.',
    dosage: 'Hold 30 seconds, 3 times each leg, twice a day',
    cautions: 'Do not bounce.',
  },
  {
    id: 'plantar-fascia-roll',
    kind: 'self-massage',
    name: 'Rolling the sole of the foot',
    areas: ['leg-left', 'leg-right'],
    instructions:
      'Sitting, roll the sole of your foot slowly over a ball or a cold water bottle, from heel to toes, with comfortable pressure.',
    dosage: '2 minutes each foot, morning and evening',
    cautions: 'Comfortable pressure only; not over broken skin.',
  },
  {
    id: 'wrist-flexor-stretch',
    kind: 'stretch',
    name: 'Wrist flexor stretch',
    areas: ['arm-left', 'arm-right'],
    instructions:
      'Hold your arm straight in front, palm up. With the other hand, gently bend the wrist back until you feel a stretch in the forearm.',
    dosage: 'Hold 20 seconds, 3 times each side, 3 times a day',
    cautions: 'Stop if numbness or tingling in the fingers increases.',
  },
  {
    id: 'median-nerve-glide',
    kind: 'exercise',
    name: 'Median nerve glides',
    areas: ['arm-left', 'arm-right'],
    instructions:
      'Make a fist, then open the fingers straight, bend the wrist back, turn the palm up and gently pull the thumb back, one step at a time.',
    dosage: '5 slow repetitions, 3 times a day',
    cautions: 'Glide gently: symptoms should not build up.',
  },
  {
    id: 'jaw-relaxation',
    kind: 'exercise',
    name: 'Jaw relaxation (tongue up, teeth apart)',
    areas: ['head'],
    instructions:
      'Rest the tip of your tongue behind your upper front teeth, let your teeth part and your jaw hang loose. Breathe through your nose.',
    dosage: '1 minute, 5 times a day and whenever you notice clenching',
    cautions: 'No forced wide opening.',
  },
  {
    id: 'diaphragmatic-breathing',
    kind: 'exercise',
    name: 'Slow belly breathing',
    areas: ['chest', 'abdomen'],
    instructions:
      'Lie or sit comfortably with one hand on your belly. Breathe in slowly through the nose so the belly rises, and out slowly through the mouth.',
    dosage: '5 minutes, twice a day',
    cautions: 'Stop if you feel light-headed.',
  },
  {
    id: 'lymphoedema-limb-elevation',
    kind: 'exercise',
    name: 'Elevation with ankle or fist pumps',
    areas: ['arm-left', 'arm-right', 'leg-left', 'leg-right'],
    instructions:
      'Rest the swollen limb raised on pillows above heart level. Slowly pump your ankle (or open and close your fist).',
    dosage: '20 pumps, 3 times a day, while wearing your compression garment if prescribed',
    cautions: 'Report new redness, heat or sudden swelling to your physician.',
  },
] as const satisfies readonly HomeCareExercise[];

export const SELF_CARE_ADVICE = [
  {
    id: 'hydration',
    title: 'Drink water',
    text: 'Drink water through the rest of the day after your session, as usual for you.',
  },
  {
    id: 'heat-at-home',
    title: 'Warmth for stiffness',
    text: 'A warm (not hot) shower or heat pack for 15–20 minutes can ease stiffness. Not on numb skin, and never while sleeping.',
    safetyTags: ['heat'],
  },
  {
    id: 'cold-at-home',
    title: 'Cold for soreness',
    text: 'A cold pack wrapped in a cloth for 10–15 minutes can calm soreness after the session.',
    safetyTags: ['cold'],
  },
  {
    id: 'post-treatment-soreness',
    title: 'Soreness after treatment',
    text: 'Some tenderness for a day or two after deeper work is common. Call the clinic if it lasts longer or feels wrong.',
  },
  {
    id: 'posture-breaks',
    title: 'Movement breaks',
    text: 'Get up and move for a minute every 30–45 minutes when sitting at a desk or driving.',
  },
  {
    id: 'sleep-position',
    title: 'Sleep position',
    text: 'Support your neck with a pillow that keeps it level; a pillow between the knees helps when lying on your side.',
  },
  {
    id: 'red-flags',
    title: 'When to call your doctor',
    text: 'Call your physician for new numbness or weakness, bladder or bowel changes, fever, or calf pain with swelling.',
  },
] as const satisfies readonly SelfCareAdvice[];

export type HomeCareExerciseId = (typeof HOME_CARE_EXERCISES)[number]['id'];
export type SelfCareAdviceId = (typeof SELF_CARE_ADVICE)[number]['id'];
export const HOME_CARE_EXERCISE_IDS = HOME_CARE_EXERCISES.map((e) => e.id) as [
  HomeCareExerciseId,
  ...HomeCareExerciseId[],
];
export const SELF_CARE_ADVICE_IDS = SELF_CARE_ADVICE.map((a) => a.id) as [
  SelfCareAdviceId,
  ...SelfCareAdviceId[],
];

export const getExercise = (id: string): HomeCareExercise | undefined =>
  HOME_CARE_EXERCISES.find((e) => e.id === id);
export const getAdvice = (id: string): SelfCareAdvice | undefined =>
  SELF_CARE_ADVICE.find((a) => a.id === id);
