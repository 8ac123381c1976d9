// Short citations for the reference keys used in this folder.
// Full entries: /work/shared/domain/clinical-reference.md, "Sources". (S) = secondary or low-authority source.
import type { SourceKey } from './types.ts';

export const SOURCES: Readonly<Record<SourceKey, string>> = {
  R1: 'Thieme (Schmerz), NRS MDC/MCID in specific back pain',
  R2: 'Ostelo 2008, Spine (interpreting change scores in low back pain)',
  R3: 'Salaffi 2004, Eur J Pain 8:283–91',
  R4: 'Abbott & Schmitt 2014, JOSPT 44(8):560–4',
  R5: 'Wikipedia, Oswestry Disability Index',
  R6: 'ODI scoring, idcafe.net (S)',
  R7: 'SRALAB RehabMeasures ODI (mirror)',
  R8: 'Modified ODI (S)',
  R9: 'Vernon, NDI explanation (chiro.org)',
  R10: 'Young 2009, Spine J 9:802–8',
  R11: 'PSFS form (Stratford 1995)',
  R12: 'RehabMeasures PSFS',
  R13: 'Binkley 1999, Phys Ther 79:371–83',
  R14: 'RehabMeasures LEFS (mirror)',
  R15: 'ISSH outcome measures (DASH/QuickDASH)',
  R16: 'QuickDASH formula, zaro.info (S)',
  R17: 'IWH DASH/QuickDASH licences',
  R18: 'NINDS CDE HIT-6',
  R19: 'HIT-6 interpretation and item points (S)',
  R20: 'Smelt 2014, Cephalalgia (HIT-6 MIC/MID)',
  R21: 'QualityMetric HIT-6',
  R22: 'Bennett 2009, Arthritis Res Ther 11:R120 (FIQR)',
  R23: 'FIQR scoring, fmcfsme.d-3systems.com',
  R24: 'Bennett 2009, J Rheumatol 36:1304 (FIQ MCID)',
  R25: 'FIQ licence (myalgia.com; Mapi)',
  R26: 'Sambandam 2008, BCTQ items',
  R27: 'PROMs for CTS (book chapter table)',
  R28: 'CTQ systematic review, J Hand Ther 2020',
  R29: 'Ozer 2013, BCTQ MCID after carpal tunnel release',
  R36: 'CDC Joint ROM Study (Soucie 2011, Haemophilia 17:500–7)',
  R37: '38 CFR 4.71a, General Rating Formula for the spine, Note 2',
  R38: 'Muscolino, cervical ROM (S)',
  R39: 'Lumbar ROM: commonly cited values and Magee (S)',
  R40: 'HL7 Belgium / ANS pain-scale value sets (LOINC 72514-3)',
  R41: 'HL7 PACIO sample-data IG',
  R42: 'VA standard ROM, Plates I/II, as reproduced (S)',
  R43: 'AAOS shoulder values, as reproduced (S)',
  R44: 'TMJ mobility (S)',
  R45: 'Zawawi 2003, J Can Dent Assoc 69(11):737–41',
  R46: 'Swiss Dental Journal, maximum mandibular mobility in TMD',
};

/** "Young 2009, Spine J 9:802–8 [R10]" */
export function cite(key: SourceKey): string {
  const text = SOURCES[key];
  return text === undefined ? `[${key}]` : `${text} [${key}]`;
}
