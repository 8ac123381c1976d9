import type { IntakeChart } from '../patients/api.ts';

/**
 * What the patient told the clinic about their comfort (draping, areas not to touch, what helps them feel
 * safe), under the safety flags in the chart header: read before every visit, like the allergies.
 */
export function ComfortNote({ comfort }: { comfort: IntakeChart['comfort'] }) {
  if (!comfort) return null;
  const lines = [
    { label: 'Draping', text: comfort.draping },
    { label: 'Rather not touched', text: comfort.areasToAvoid },
    { label: 'Helps them feel comfortable', text: comfort.notes },
  ].filter((line) => line.text);
  return (
    <section className="comfort-note" aria-labelledby="comfort-heading">
      <h2 id="comfort-heading" className="safety-title">
        Comfort
      </h2>
      <dl>
        {lines.map((line) => (
          <div key={line.label}>
            <dt>{line.label}:</dt>
            <dd>{line.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
