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
