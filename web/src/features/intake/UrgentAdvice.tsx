import { URGENT_ADVICE } from '../../../../src/domain/safety/urgent.ts';

/**
 * The emergency message for a red-flag answer (cauda equina signs…): shown next to the "yes" as soon as it is
 * given, and again on the confirmation page (`afterSubmit`). `role="alert"` so a screen reader says it at once.
 */
export function UrgentAdvice({ afterSubmit = false }: { afterSubmit?: boolean }) {
  return (
    <div className="alert alert-error urgent-advice" role="alert">
      <p>
        <strong>{URGENT_ADVICE.title}.</strong> {URGENT_ADVICE.text}
      </p>
      {afterSubmit ? <p>{URGENT_ADVICE.afterSubmit}</p> : null}
    </div>
  );
}
