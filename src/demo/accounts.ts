import type { Role } from '../db/schema/index.ts';

/** The fixed demo sign-ins README and `palpa demo` print. Everyone shares PALPA_DEMO_PASSWORD. */
export const DEMO_CLINIC = {
  name: 'Harbor Medical Massage',
  timeZone: 'America/Los_Angeles',
  // Made-up identifiers of the right shape (the NPI passes its check digit), printed on superbills.
  taxId: '33-1234567',
  npi: '1234567893',
} as const;

export interface DemoPerson {
  key: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: 'owner',
    email: 'owner@demo.palpa.test',
    displayName: 'Olivia Bennett',
    roles: ['owner', 'therapist'],
  },
  {
    key: 'frontdesk',
    email: 'frontdesk@demo.palpa.test',
    displayName: 'Marisol Reyes',
    roles: ['front_desk'],
  },
  { key: 'therapist', email: 'therapist@demo.palpa.test', displayName: 'Sam Okafor', roles: ['therapist'] },
  {
    key: 'therapist2',
    email: 'priya.natarajan@demo.palpa.test',
    displayName: 'Priya Natarajan',
    roles: ['therapist'],
  },
  { key: 'therapist3', email: 'daniel.cho@demo.palpa.test', displayName: 'Daniel Cho', roles: ['therapist'] },
  {
    key: 'therapist4',
    email: 'lucia.fernandez@demo.palpa.test',
    displayName: 'Lucía Fernández',
    roles: ['therapist'],
  },
  {
    key: 'physician',
    email: 'physician@demo.palpa.test',
    displayName: 'Dr. Carmen Ruiz, MD',
    roles: ['physician'],
  },
  {
    key: 'physician2',
    email: 'dr.marcus.webb@demo.palpa.test',
    displayName: 'Dr. Marcus Webb, DC',
    roles: ['physician'],
  },
  { key: 'patient', email: 'patient@demo.palpa.test', displayName: 'Jordan Alvarez', roles: ['patient'] },
];

export const DEMO_LOCATIONS = [
  {
    name: 'Harbor — Little Italy',
    addressLine1: '1650 India St',
    addressLine2: 'Suite 200',
    city: 'San Diego',
    region: 'CA',
    postalCode: '92101',
    country: 'US',
    phone: '+1 619 555 0142',
    timeZone: 'America/Los_Angeles',
  },
  {
    name: 'Harbor — North Park',
    addressLine1: '3015 University Ave',
    city: 'San Diego',
    region: 'CA',
    postalCode: '92104',
    country: 'US',
    phone: '+1 619 555 0178',
    timeZone: 'America/Los_Angeles',
  },
] as const;
