import { isSelfReferredReport } from '../../../../src/modules/reports/schemas.ts';
import type { Report } from './api.ts';

type Parts = Pick<Report, 'facts' | 'recipients' | 'referringProvider' | 'deliveries'>;

const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');

/** The next step when nobody on Palpa receives the report: print or fax it to the provider on file. */
export function sendItYourself(report: Pick<Report, 'referringProvider'>): string {
  const provider = report.referringProvider;
  if (!provider) return 'print the PDF and send it to the referring physician';
  return provider.fax
    ? `print or fax it to ${provider.name} (fax ${provider.fax})`
    : `print it and send it to ${provider.name} (no fax number on file)`;
}

/** What signing does, said truthfully before the therapist signs: who receives the report, or that nobody does. */
export function signMeaning(report: Parts): string {
  if (isSelfReferredReport(report.facts))
    return 'Signing locks the report. The client came on their own: it is kept for the record, not sent to a physician.';
  if (report.recipients.length > 0)
    return `Signing locks the report and delivers it to ${names(report.recipients)} in Palpa (an e-mail tells them it is there).`;
  return `Signing locks the report. Nobody on Palpa will receive it: after signing, ${sendItYourself(report)}.`;
}

/** The heading of a signed report's delivery card. */
export function deliveryHeading(report: Parts): string {
  if (report.deliveries.length > 0) return 'Delivered on Palpa';
  if (isSelfReferredReport(report.facts)) return 'Kept for the record';
  return `Not delivered on Palpa: ${sendItYourself(report)}`;
}

/** The live message once signed. */
export function signedMessage(report: Parts): string {
  if (report.deliveries.length > 0)
    return `Signed and delivered to ${names(report.deliveries.map((d) => d.recipient))}`;
  if (isSelfReferredReport(report.facts)) return 'Signed';
  return `Signed. Nobody on Palpa received it: ${sendItYourself(report)}`;
}
