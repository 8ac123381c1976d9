/**
 * Where the sign-in page sends someone who has no account yet. The directory (`/find`) is served by the server,
 * not the app, so it is a plain link (`spa: false`); booking creates the account at its last step.
 */
export interface NewPatientLink {
  label: string;
  href: string;
  spa: boolean;
}

/**
 * Someone sent here from a booking in progress goes back to it (their choices are kept, and its last step
 * creates the account); anyone else finds a therapist or starts a booking.
 */
export function newPatientPath(from: string | undefined): { intro: string; links: NewPatientLink[] } {
  if (from === '/book' || from?.startsWith('/book?'))
    return {
      intro: 'No account yet? Go back to your booking: its last step creates one, and your choices are kept.',
      links: [{ label: 'Back to my booking', href: from, spa: true }],
    };
  return {
    intro: 'Find a therapist and book your first visit. You create your account as you book.',
    links: [
      { label: 'Find a therapist', href: '/find', spa: false },
      { label: 'Book your first visit', href: '/book', spa: true },
    ],
  };
}
