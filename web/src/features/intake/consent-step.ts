import { formatDate } from '../../components/format.ts';
import type { OpenedIntake } from '../patients/api.ts';

export type ConsentSigning = OpenedIntake['consentSigning'];

/**
 * What the consent step shows. A first intake signs. An update keeps the consent signed before (`on-file`,
 * the text folded away for reference) unless its text changed since, when the new one is to be signed, as the
 * server requires. Dates are the clinic's; the text's internal version id is never shown to the patient.
 */
export function consentStep(
  signing: ConsentSigning,
  timeZone: string,
): { kind: 'on-file'; notice: string } | { kind: 'sign'; notice: string | null } {
  const signedOn = signing.lastSigned ? formatDate(signing.lastSigned.signedAt, timeZone) : null;
  if (!signedOn) return { kind: 'sign', notice: null };
  if (!signing.signatureRequired)
    return { kind: 'on-file', notice: `You signed the consent on ${signedOn}; no need to sign again.` };
  return {
    kind: 'sign',
    notice: `The consent has changed since you signed it on ${signedOn}. Read the new text and sign it below.`,
  };
}
