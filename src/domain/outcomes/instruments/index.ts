// Registry of instrument definitions, each defined once in its own file.
import type { InstrumentDefinition, InstrumentId } from '../types.ts';
import { bctq } from './bctq.ts';
import { fiqr } from './fiqr.ts';
import { hit6 } from './hit6.ts';
import { lefs } from './lefs.ts';
import { ndi } from './ndi.ts';
import { nprs } from './nprs.ts';
import { odi } from './odi.ts';
import { psfs } from './psfs.ts';
import { quickdash } from './quickdash.ts';

export { bctq, fiqr, hit6, lefs, ndi, nprs, odi, psfs, quickdash };

export const INSTRUMENTS: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  nprs,
  psfs,
  lefs,
  ndi,
  odi,
  quickdash,
  bctq,
  fiqr,
  hit6,
};

export function getInstrument(id: InstrumentId): InstrumentDefinition {
  return INSTRUMENTS[id];
}

export function isInstrumentId(value: string): value is InstrumentId {
  return Object.hasOwn(INSTRUMENTS, value);
}
