import type { LinkChannel } from '../../../../src/modules/intake/schemas.ts';
import type { IntakeChart } from '../patients/api.ts';

export interface LinkChoice {
  channel: LinkChannel;
  label: string;
  /** Why this way is unavailable for this patient (the server's words, as a sentence); null when it is open. */
  unavailable: string | null;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * The ways the desk can send a personal intake link, from the chart's `sendLink`: e-mail always, a text only
 * when the server can send texts. An unavailable way stays listed, with the reason, so the desk knows what
 * to fix on the record.
 */
export function linkChoices(sendLink: IntakeChart['sendLink']): LinkChoice[] {
  if (!sendLink) return [];
  const choice = (channel: LinkChannel, label: string, state: { reason: string | null }): LinkChoice => ({
    channel,
    label,
    unavailable: state.reason === null ? null : sentence(state.reason),
  });
  return [
    choice('email', 'Send the intake link by e-mail', sendLink.email),
    ...(sendLink.sms ? [choice('sms', 'Send the intake link by text', sendLink.sms)] : []),
  ];
}

/** What the desk reads once the link is on its way: a text is queued, an e-mail is written at once. */
export function linkSentMessage(result: { channel: LinkChannel; sentTo: string }): string {
  return result.channel === 'sms'
    ? `A personal intake link will be texted to ${result.sentTo} in a moment. It works for 14 days.`
    : `A personal intake link was e-mailed to ${result.sentTo}. It works for 14 days.`;
}
