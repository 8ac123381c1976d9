export * from './audit.ts';
export * from './identity.ts';
export * from './patients.ts';
export * from './platform.ts';
export * from './tenancy.ts';
