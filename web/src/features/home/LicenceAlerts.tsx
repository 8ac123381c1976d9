import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LICENCE_ALERT_DAYS } from '../../../../src/modules/credentials/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { directoryApi } from '../directory-admin/api.ts';
import { licenceAlertText } from './licence-alerts.ts';

/**
 * The owner's warning: therapists whose licence has expired or expires within 30 days, with the appointments
 * booked with them after it (visits they may not give, nor the clinic bill). Nothing when all is in order.
 */
export function LicenceAlerts() {
  const clinic = useClinic();
  const alerts = useQuery({
    queryKey: ['licence-alerts', clinic.id],
    queryFn: () => directoryApi.licenceAlerts(clinic.id),
  });
  if (alerts.isError)
    return (
      <p className="small muted" role="status">
        Could not check the therapists’ licences.{' '}
        <Link to="/directory-admin/credentials">Open credentials</Link>
      </p>
    );
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card licence-alerts" aria-labelledby="home-licences">
      <h2 id="home-licences">Licences to renew</h2>
      <p>
        A therapist may not treat, and the clinic may not bill their visits, without a valid licence. Expired
        or expiring within {LICENCE_ALERT_DAYS} days:
      </p>
      <ul>
        {items.map((a) => (
          <li key={a.credentialId}>{licenceAlertText(a)}</li>
        ))}
      </ul>
      <p>
        <Link to="/directory-admin/credentials">Record the renewals in Credentials</Link>
      </p>
    </section>
  );
}
