import { describe, expect, it } from 'vitest';
import { linkChoices, linkSentMessage } from '../../web/src/features/intake/send-link.ts';

const open = { available: true, reason: null };

describe('the ways the desk can send an intake link', () => {
  it('offers e-mail alone when the server cannot send texts', () => {
    expect(linkChoices({ email: open, sms: null })).toEqual([
      { channel: 'email', label: 'Send the intake link by e-mail', unavailable: null },
    ]);
  });

  it('offers "by text" beside e-mail, with the reason as a sentence when it is unavailable', () => {
    const choices = linkChoices({
      email: open,
      sms: { available: false, reason: 'The patient has not agreed to texts: set it first' },
    });
    expect(choices.map((c) => c.label)).toEqual([
      'Send the intake link by e-mail',
      'Send the intake link by text',
    ]);
    expect(choices[1]!.unavailable).toBe('The patient has not agreed to texts: set it first.');
  });

  it('offers nothing to those who do not send links', () => {
    expect(linkChoices(null)).toEqual([]);
  });

  it('says a text is on its way, and an e-mail was sent', () => {
    expect(linkSentMessage({ channel: 'sms', sentTo: '+1 619 555 0142' })).toBe(
      'A personal intake link will be texted to +1 619 555 0142 in a moment. It works for 14 days.',
    );
    expect(linkSentMessage({ channel: 'email', sentTo: 'maria@example.test' })).toMatch(
      /^A personal intake link was e-mailed to maria@example\.test\./,
    );
  });
});
