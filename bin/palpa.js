#!/usr/bin/env node
// Palpa runs its TypeScript sources directly through tsx: one less build step between `npm install` and a running clinic.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
