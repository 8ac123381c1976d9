import { describe, expect, it } from 'vitest';
import { amendRefusalText } from '../../web/src/features/assessments/amend.ts';

describe('an amendment’s refusal in words', () => {
  it('joins the message and the findings as sentences, without “.:”', () => {
    expect(
      amendRefusalText({
        code: 'contraindicated',
        message:
          'The amendment includes a technique or region the patient’s health rules out, with no clearance on file. Change the treatment, or ask the physician for a clearance and record it.',
        details: {
          findings: [
            { subject: 'Blood clot (DVT) in the left calf', restriction: 'no massage of the left leg' },
            { subject: 'Blood thinner (anticoagulant)', restriction: 'light pressure only.' },
          ],
        },
        fieldIssues: [],
      }),
    ).toBe(
      'The amendment includes a technique or region the patient’s health rules out, with no clearance on file. Change the treatment, or ask the physician for a clearance and record it. Blood clot (DVT) in the left calf: no massage of the left leg. Blood thinner (anticoagulant): light pressure only.',
    );
  });

  it('adds the field’s problem as a sentence, and ends a bare message with a full stop', () => {
    expect(
      amendRefusalText({
        code: 'validation_failed',
        message: 'Check the amendment',
        fieldIssues: [{ path: 'changes.subjective.painToday', message: 'Too big: expected at most 10' }],
      }),
    ).toBe('Check the amendment. Too big: expected at most 10.');
    expect(
      amendRefusalText({ code: 'forbidden', message: 'Only clinicians amend records', fieldIssues: [] }),
    ).toBe('Only clinicians amend records.');
  });
});
