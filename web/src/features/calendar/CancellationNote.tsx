import { useQuery } from '@tanstack/react-query';
import {
  cancellationPolicy,
  lateCancellationWarning,
} from '../../../../src/domain/scheduling/cancellation.ts';
import { scheduling } from '../../api/scheduling.ts';
import { Alert } from '../../components/Status.tsx';

/**
 * Beside a cancel (or move) button: whether doing it now is a late cancellation under the clinic's rule, so
 * neither the patient nor the front desk learns it only afterwards.
 */
export function CancellationNote({
  clinicId,
  start,
  doing,
}: {
  clinicId: string;
  start: string;
  doing?: 'cancelling' | 'moving it';
}) {
  const rules = useQuery({
    queryKey: ['booking-rules', clinicId],
    queryFn: () => scheduling.rules(clinicId),
  });
  if (!rules.data) return null;
  const hours = rules.data.lateCancellationHours;
  const warning = lateCancellationWarning(
    new Date(start),
    new Date(),
    hours,
    doing,
    rules.data.lateCancellationFeeCents,
  );
  if (warning) return <Alert tone="warning">{warning}</Alert>;
  const policy = cancellationPolicy(hours, rules.data);
  return policy ? <p className="muted small">{policy}</p> : null;
}
