export * from './codes.ts';
export { trimester } from './facts.ts';
export { summarise } from './messages.ts';
export { getRule, RULES } from './rules.ts';
export { screen, screenProfile, severityRank } from './screen.ts';
export * from './types.ts';
