import type { CodeableConcept } from 'fhir/r4.js';
import { isSiteId, siteLabel } from '../../domain/catalog/body-regions.ts';
import { getTechnique, isTechniqueId } from '../../domain/catalog/techniques.ts';
import { getInstrument, isInstrumentId } from '../../domain/outcomes/index.ts';
import { SYSTEMS } from './codes.ts';

/** A technique as a procedure code: CPT (the code it is usually billed under) and Palpa's technique id. */
export function techniqueConcept(id: string): CodeableConcept {
  if (!isTechniqueId(id)) return { coding: [{ system: SYSTEMS.technique, code: id }], text: id };
  const t = getTechnique(id);
  return {
    coding: [
      { system: SYSTEMS.cpt, code: t.cpt },
      { system: SYSTEMS.technique, code: t.id, display: t.name },
    ],
    text: t.name,
  };
}

export function regionConcept(site: string): CodeableConcept {
  const display = isSiteId(site) ? siteLabel(site) : undefined;
  return {
    coding: [{ system: SYSTEMS.bodyRegion, code: site, ...(display ? { display } : {}) }],
    text: display ?? site,
  };
}

/**
 * An outcome instrument's code: its LOINC total-score code where the clinical reference gives one (NPRS 72514-3,
 * NDI 82237-9, ODI 97908-8), always with Palpa's local instrument code.
 */
export function instrumentConcept(instrumentId: string): CodeableConcept {
  if (!isInstrumentId(instrumentId))
    return { coding: [{ system: SYSTEMS.outcomeInstrument, code: instrumentId }], text: instrumentId };
  const def = getInstrument(instrumentId);
  const loinc = def.loinc.find((l) => l.part === 'total');
  return {
    coding: [
      ...(loinc ? [{ system: SYSTEMS.loinc, code: loinc.code, display: loinc.display }] : []),
      { system: SYSTEMS.outcomeInstrument, code: def.id, display: def.name },
    ],
    text: def.fullName,
  };
}

export const NPRS_LOINC = {
  system: SYSTEMS.loinc,
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
};
