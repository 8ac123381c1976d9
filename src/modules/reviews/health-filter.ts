import { TREATED_CONDITIONS } from '../../domain/catalog/conditions.ts';
import { CONDITION_LABELS } from '../../domain/safety/codes.ts';

/**
 * Catches obvious health details in a review before it is published, so the patient can rephrase:
 * ICD-10-CM-shaped codes, medication names from a short list, and condition words from the treated-condition
 * catalog and the contraindication list ("my DVT", "warfarin", "fibromyalgia"). It is a guard rail, not a
 * guarantee: the form also asks patients not to share health details.
 */

/** Common medications (brand and generic) patients might name: blood thinners, pain, nerve, muscle relaxants. */
export const MEDICATIONS = [
  'warfarin',
  'coumadin',
  'eliquis',
  'apixaban',
  'xarelto',
  'rivaroxaban',
  'heparin',
  'enoxaparin',
  'lovenox',
  'pradaxa',
  'dabigatran',
  'clopidogrel',
  'plavix',
  'aspirin',
  'ibuprofen',
  'advil',
  'motrin',
  'naproxen',
  'aleve',
  'celecoxib',
  'celebrex',
  'meloxicam',
  'diclofenac',
  'acetaminophen',
  'tylenol',
  'tramadol',
  'oxycodone',
  'hydrocodone',
  'vicodin',
  'percocet',
  'morphine',
  'fentanyl',
  'codeine',
  'gabapentin',
  'neurontin',
  'pregabalin',
  'lyrica',
  'duloxetine',
  'cymbalta',
  'amitriptyline',
  'cyclobenzaprine',
  'flexeril',
  'methocarbamol',
  'baclofen',
  'tizanidine',
  'prednisone',
  'cortisone',
  'methotrexate',
  'humira',
  'insulin',
  'metformin',
  'sumatriptan',
  'imitrex',
  'botox',
  'sertraline',
  'zoloft',
  'fluoxetine',
  'prozac',
  'xanax',
  'alprazolam',
  'diazepam',
  'valium',
  'lisinopril',
  'metoprolol',
  'chemotherapy',
  'chemo',
];

/** Condition words that name a diagnosis. Generic words ("pain", "tension", "stress") are left out on purpose. */
const EXTRA_TERMS = [
  'dvt',
  'deep vein thrombosis',
  'blood clot',
  'herniated disc',
  'herniation',
  'bulging disc',
  'slipped disc',
  'tendonitis',
  'lymphedema',
  'tmj',
  'tmd',
  'migraine',
  'sciatic',
  'carpal tunnel',
  'plantar fasciitis',
  'rheumatoid',
  'osteoarthritis',
  'lupus',
  'multiple sclerosis',
  'parkinson',
  'diabetes',
  'diabetic',
  'cancer',
  'tumor',
  'tumour',
  'mastectomy',
  'lumpectomy',
  'pregnant',
  'pregnancy',
  'scoliosis',
  'stenosis',
  'neuropathy',
  'radiculopathy',
  'thrombophlebitis',
  'cellulitis',
  'aneurysm',
  'stroke',
  'arrhythmia',
  'osteoporosis',
  'hypertension',
  'depression',
  'anxiety disorder',
  'ptsd',
  'hiv',
  'hepatitis',
  'concussion',
  'fracture',
];

const GENERIC = new Set([
  'pain',
  'tension',
  'stress',
  'strain',
  'injuries',
  'injury',
  'recovery',
  'surgery',
  'age',
  'fever',
  'bruise',
  'burn',
  'menstruation',
  'sedation',
]);

function catalogTerms(): string[] {
  const labels = [...TREATED_CONDITIONS.map((c) => c.label), ...Object.values(CONDITION_LABELS)];
  const terms = new Set<string>();
  for (const label of labels) {
    // "Blood clot (DVT)" → "blood clot", "dvt"; "Carpal tunnel syndrome" → the whole phrase.
    for (const part of label.toLowerCase().split(/[()]/)) {
      const phrase = part
        .replace(/[^a-z' -]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (phrase.length < 3 || GENERIC.has(phrase)) continue;
      // Single distinctive words and multi-word phrases; phrases made only of generic words are skipped.
      const words = phrase.split(' ');
      if (
        words.every(
          (w) =>
            GENERIC.has(w) ||
            [
              'and',
              'or',
              'the',
              'of',
              'with',
              'from',
              'chronic',
              'long-term',
              'muscle',
              'recent',
              'severe',
              'very',
              'low',
              'high',
              'acute',
            ].includes(w),
        )
      )
        continue;
      terms.add(phrase);
    }
  }
  return [...terms];
}

let cached: RegExp | undefined;
function termPattern(): RegExp {
  if (!cached) {
    const terms = [...new Set([...catalogTerms(), ...EXTRA_TERMS, ...MEDICATIONS])]
      .sort((a, b) => b.length - a.length)
      .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    // Word boundaries; an optional plural "s"/"es".
    cached = new RegExp(`\\b(${terms.join('|')})(e?s)?\\b`, 'gi');
  }
  return cached;
}

/** ICD-10-CM codes: any dotted code ("M54.50"), and undotted ones in a catalog category ("M545", "M54"). */
const ICD10_DOTTED = /\b[A-TV-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}\b/gi;
const ICD10_UNDOTTED = /\b[A-TV-Z][0-9][0-9A-Z]{1,5}\b/gi;
const CATALOG_CATEGORIES = new Set(
  TREATED_CONDITIONS.flatMap((c) => c.icd10.map((code) => code.slice(0, 3).toUpperCase())),
);

/** The health details found in a text (as written), in order, without duplicates. */
export function findHealthDetails(text: string): string[] {
  const found: string[] = [];
  const add = (word: string) => {
    if (!found.some((f) => f.toLowerCase() === word.toLowerCase())) found.push(word);
  };
  for (const match of text.matchAll(ICD10_DOTTED)) add(match[0]);
  for (const match of text.matchAll(ICD10_UNDOTTED)) {
    const dotted = text[(match.index ?? 0) + match[0].length] === '.';
    if (!dotted && /\d/.test(match[0].slice(1)) && CATALOG_CATEGORIES.has(match[0].slice(0, 3).toUpperCase()))
      add(match[0]);
  }
  for (const match of text.matchAll(termPattern())) add(match[0].replace(/\s+/g, ' '));
  return found;
}
