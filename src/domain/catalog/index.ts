export * from './body-regions.ts';
export * from './conditions.ts';
export * from './injury.ts';
export * from './techniques.ts';
