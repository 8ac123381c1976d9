/**
 * The fixed vocabulary the screening engine understands: health-finding (condition) codes,
 * medication classes and how medication classes map onto condition codes.
 * Adding a code here without a rule in rules.ts is caught by rules.test.ts.
 */

export const CONDITION_LABELS = {
  dvt: 'Blood clot (DVT)',
  thrombophlebitis: 'Thrombophlebitis (inflamed vein with a clot)',
  fever: 'Fever',
  'acute-infection': 'Acute infection',
  'contagious-illness': 'Contagious illness',
  cellulitis: 'Cellulitis',
  'skin-infection': 'Skin infection',
  'acute-inflammation': 'Acute inflammation',
  'open-wound': 'Open or healing wound',
  burn: 'Burn',
  fracture: 'Fracture',
  bruise: 'Bruise',
  'recent-sprain': 'Recent sprain or strain',
  anticoagulant: 'Blood thinner (anticoagulant)',
  antiplatelet: 'Antiplatelet medicine',
  'bleeding-disorder': 'Bleeding disorder',
  'low-platelets': 'Low platelet count',
  'low-blood-counts': 'Very low blood counts',
  cancer: 'Cancer',
  'bone-metastasis': 'Cancer spread to bone (bone metastases)',
  'radiation-field': 'Radiation therapy field',
  'port-or-catheter': 'Port or catheter',
  pregnancy: 'Pregnancy',
  'high-risk-pregnancy': 'High-risk pregnancy (pre-eclampsia, bleeding or preterm contractions)',
  'recent-surgery': 'Surgery',
  osteoporosis: 'Severe osteoporosis or weakened bone',
  steroids: 'Long-term steroid (corticosteroid) medicine',
  'herniated-disc': 'Herniated disc',
  radiculopathy: 'Acute radiculopathy (pinched nerve root)',
  'radiculopathy-red-flags': 'Red-flag nerve symptoms (cauda equina signs or worsening weakness)',
  'heart-failure-uncontrolled': 'Uncontrolled heart failure',
  'heart-failure-controlled': 'Controlled heart failure',
  'renal-failure': 'Kidney failure',
  lymphoedema: 'Lymphoedema',
  hyperthyroidism: 'Overactive thyroid (hyperthyroidism)',
  'carotid-sinus-hypersensitivity': 'Carotid sinus hypersensitivity',
  arrhythmia: 'Irregular heart rhythm (arrhythmia)',
  'uncontrolled-hypertension': 'Severe or uncontrolled high blood pressure',
  'varicose-veins': 'Varicose veins',
  aneurysm: 'Aneurysm',
  'aortic-aneurysm': 'Aortic aneurysm',
  'recent-stroke-tia': 'Stroke or TIA',
  'carotid-bruit': 'Carotid bruit',
  'diabetic-neuropathy': 'Diabetes with nerve damage (neuropathy)',
  'impaired-sensation': 'Numbness (impaired sensation)',
  'impaired-circulation': 'Poor circulation',
  'peripheral-vascular-disease': 'Peripheral vascular disease',
  raynauds: "Raynaud's",
  'cold-urticaria': 'Cold urticaria (hives from cold)',
  cryoglobulinaemia: 'Cryoglobulinaemia',
  'paroxysmal-cold-haemoglobinuria': 'Paroxysmal cold haemoglobinuria',
  'severe-cardiopulmonary-disease': 'Severe heart or lung disease',
  'regenerating-nerve': 'Regenerating nerve',
  menstruation: 'Menstruation',
  diverticulosis: 'Diverticulosis',
  'bowel-obstruction': 'Bowel obstruction',
  sedation: 'Sedating medicine or sedation',
  'age-over-60': 'Age 60 or over',
} as const;

export type ConditionCode = keyof typeof CONDITION_LABELS;
export const CONDITION_CODES = Object.keys(CONDITION_LABELS) as ConditionCode[];

/**
 * Each condition in everyday words, for the patient: the intake checklist shows this first and the clinical
 * label (`CONDITION_LABELS`, which staff views keep) as its hint, so a patient on a phone can answer honestly.
 * Short, medically accurate, no jargon left unexplained; facts from the clinical reference §3.
 *
 * `null`: a patient is never asked about the code by name, because another intake question records it
 * (medicines, surgeries, pregnancy) or the patient record does (date of birth). A code the intake checklist
 * lists must have words here: `QuestionnaireDefinition` only accepts `PatientFacingConditionCode`s.
 */
export const CONDITION_PLAIN_DESCRIPTIONS = {
  dvt: 'A blood clot in a deep vein, usually in a leg',
  thrombophlebitis: 'A vein that is red, sore and hard to the touch because a clot has formed in it',
  fever: 'A high temperature: 100.4 °F (38 °C) or higher',
  'acute-infection':
    'An infection you are ill with or taking antibiotics for now, such as a chest, urine or tooth infection',
  'contagious-illness':
    'An illness you could pass on to others, such as flu, COVID-19, a cold or a stomach bug',
  cellulitis: 'A spreading infection under the skin that makes it red, hot, swollen and painful',
  'skin-infection': 'Infected skin, such as a boil, impetigo, ringworm, athlete’s foot or a cold sore',
  'acute-inflammation':
    'A part of the body that is red, hot, swollen and painful now, such as a flared-up joint',
  'open-wound': 'A cut, graze, sore or other wound that has not fully healed',
  burn: 'A burn, including sunburn, that has not fully healed',
  fracture: 'A broken or cracked bone that has not fully healed',
  bruise: 'A bruise (a blue, purple or yellow mark on the skin) that you have now',
  'recent-sprain': 'A twisted joint or pulled muscle in the last few weeks, such as a rolled ankle',
  anticoagulant: null,
  antiplatelet: null,
  'bleeding-disorder':
    'A condition that stops your blood clotting normally, so you bleed or bruise easily (such as haemophilia)',
  'low-platelets': 'Too few platelets (the blood cells that stop bleeding), found in a blood test',
  'low-blood-counts':
    'Very low red or white blood cell counts in a blood test, for example during chemotherapy',
  cancer: 'Cancer that you have now, or are being treated or checked for',
  'bone-metastasis': 'Cancer that has spread to one or more of your bones',
  'radiation-field': 'A part of your body that has been treated with radiation therapy (radiotherapy)',
  'port-or-catheter':
    'A port, PICC line or other tube left in a vein or in your body for treatment, such as chemotherapy',
  pregnancy: null,
  'high-risk-pregnancy': null,
  'recent-surgery': null,
  osteoporosis: 'Thin, fragile bones that break easily, from severe osteoporosis or another illness',
  steroids: null,
  'herniated-disc': 'A slipped, bulging or herniated disc in your back or neck',
  radiculopathy:
    'A pinched nerve in your back or neck sending pain, tingling or numbness down an arm or leg, such as sciatica',
  'radiculopathy-red-flags':
    'New numbness around your bottom or genitals, loss of bladder or bowel control, or an arm or leg getting weaker: get urgent medical help',
  'heart-failure-uncontrolled':
    'Heart failure (the heart does not pump as well as it should) that is not under control or is getting worse',
  'heart-failure-controlled':
    'Heart failure (the heart does not pump as well as it should) that treatment keeps stable',
  'renal-failure': 'Kidneys that no longer work well enough, including if you have dialysis',
  lymphoedema:
    'Long-lasting swelling of an arm, leg or other part of the body because lymph fluid does not drain, often after cancer treatment',
  hyperthyroidism: 'A thyroid gland (in the neck) that makes too much hormone, such as Graves’ disease',
  'carotid-sinus-hypersensitivity':
    'Feeling faint or dizzy when the side of your neck is pressed, such as by a tight collar or turning your head',
  arrhythmia: 'A heartbeat that is irregular, too fast or too slow, such as atrial fibrillation',
  'uncontrolled-hypertension':
    'Very high blood pressure, or high blood pressure that medicine is not keeping under control',
  'varicose-veins': 'Swollen, twisted veins you can see under the skin, usually on the legs',
  aneurysm: 'A weak spot that bulges in the wall of an artery, such as in the brain or behind the knee',
  'aortic-aneurysm': 'A bulge in the aorta, the main artery running through your chest and belly',
  'recent-stroke-tia':
    'A stroke, or a “mini-stroke” (TIA): signs of a stroke, such as a drooping face or a weak arm, that went away within a day',
  'carotid-bruit':
    'A doctor heard a whooshing sound over an artery in your neck, which can mean the artery is narrowed',
  'diabetic-neuropathy':
    'Diabetes that has damaged your nerves, often causing numbness, tingling or burning in the feet or hands',
  'impaired-sensation':
    'A part of your body where you feel touch, heat or cold less than normal, or not at all',
  'impaired-circulation':
    'Poor blood flow: hands, feet or legs that are often cold, pale or bluish, or cuts there that heal slowly',
  'peripheral-vascular-disease':
    'Narrowed arteries in your legs or arms, often causing calf pain when you walk that eases with rest',
  raynauds: 'Fingers or toes that turn white or blue and numb in the cold, then red as they warm up',
  'cold-urticaria':
    'Itchy, raised welts (hives) where your skin has been cold, such as after cold water or wind',
  cryoglobulinaemia:
    'Proteins in the blood that clump together in the cold; found by a blood test, so your doctor would have told you',
  'paroxysmal-cold-haemoglobinuria':
    'A rare blood condition in which cold makes the body destroy red blood cells and urine turns dark; your doctor would have told you',
  'severe-cardiopulmonary-disease':
    'Heart or lung disease that makes you short of breath with little effort, such as severe COPD',
  'regenerating-nerve':
    'A nerve that is regrowing after being cut, crushed or operated on, while feeling comes back',
  menstruation: 'Your monthly period, if you are having it now',
  diverticulosis: 'Small pouches in the wall of the large bowel, usually found by a colonoscopy or a scan',
  'bowel-obstruction': 'A blocked bowel (intestine), which stops food and waste passing through',
  sedation: null,
  'age-over-60': null,
} as const satisfies Readonly<Record<ConditionCode, string | null>>;

/** The condition codes a patient is asked about by name: those with plain words. */
export type PatientFacingConditionCode = {
  [C in ConditionCode]: (typeof CONDITION_PLAIN_DESCRIPTIONS)[C] extends string ? C : never;
}[ConditionCode];

export function isPatientFacingCondition(code: ConditionCode): code is PatientFacingConditionCode {
  return CONDITION_PLAIN_DESCRIPTIONS[code] !== null;
}

/** Accepted alternative spellings, normalised before screening. */
export const CONDITION_ALIASES: Readonly<Record<string, ConditionCode>> = {
  numbness: 'impaired-sensation',
  'blood-clot': 'dvt',
  'pre-eclampsia': 'high-risk-pregnancy',
  'corticosteroid-use': 'steroids',
};

export const MEDICATION_CLASSES = [
  'anticoagulant',
  'antiplatelet',
  'corticosteroid',
  'sedative',
  'opioid',
  'muscle-relaxant',
] as const;
export type MedicationClass = (typeof MEDICATION_CLASSES)[number];

/**
 * Medication class → condition code the rules react to.
 * Opioids and muscle relaxants count as sedation because they dull the sense of heat (R61 lists sedation).
 */
export const MEDICATION_CONDITION: Readonly<Record<MedicationClass, ConditionCode>> = {
  anticoagulant: 'anticoagulant',
  antiplatelet: 'antiplatelet',
  corticosteroid: 'steroids',
  sedative: 'sedation',
  opioid: 'sedation',
  'muscle-relaxant': 'sedation',
};

export function isConditionCode(value: string): value is ConditionCode {
  return Object.hasOwn(CONDITION_LABELS, value);
}

export function isMedicationClass(value: string): value is MedicationClass {
  return (MEDICATION_CLASSES as readonly string[]).includes(value);
}

/** Known code for a raw string (aliases resolved), or null when the engine does not know it. */
export function normaliseConditionCode(value: string): ConditionCode | null {
  const trimmed = value.trim().toLowerCase();
  if (isConditionCode(trimmed)) return trimmed;
  return CONDITION_ALIASES[trimmed] ?? null;
}
