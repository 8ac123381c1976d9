import { describe, expect, it } from 'vitest';
import { filtersOf, searchFromView, viewFromSearch } from '../../web/src/features/audit/url.ts';

const PERSON = '01a21ffc-685b-7f90-b953-74639fc2882c';
const PATIENT = '01a21ffc-6d16-7967-bf55-2056ead64fbf';

describe('audit filters ⇄ URL', () => {
  it('writes only the filters set, and reads them back unchanged', () => {
    const view = {
      kind: 'clinical' as const,
      outcome: 'refused' as const,
      person: PERSON,
      patient: PATIENT,
      from: '2026-11-01',
      to: '2026-11-27',
    };
    const search = searchFromView(view);
    expect(search.toString()).toBe(
      `kind=clinical&outcome=refused&person=${PERSON}&patient=${PATIENT}&from=2026-11-01&to=2026-11-27`,
    );
    expect(viewFromSearch(new URLSearchParams(search.toString()))).toEqual(view);
    expect(searchFromView({}).toString()).toBe('');
    expect(viewFromSearch(new URLSearchParams(''))).toEqual({});
  });

  it('keeps one specific action, with the patient named by id only', () => {
    const search = searchFromView({ action: 'patient.read', patient: PATIENT });
    expect(search.toString()).toBe(`action=patient.read&patient=${PATIENT}`);
    expect(viewFromSearch(search)).toEqual({ action: 'patient.read', patient: PATIENT });
    // Both in a hand-edited link: the specific action wins, as the form offers one choice.
    expect(viewFromSearch(new URLSearchParams('kind=clinical&action=patient.read'))).toEqual({
      action: 'patient.read',
    });
  });

  it('drops what does not parse, so an edited link still opens', () => {
    expect(
      viewFromSearch(
        new URLSearchParams('kind=nonsense&outcome=maybe&person=bob&patient=1&from=yesterday&to=2026-11-27'),
      ),
    ).toEqual({ to: '2026-11-27' });
  });

  it('turns the clinic’s days into the API’s instants, the end day included whole', () => {
    expect(
      filtersOf({ from: '2026-11-01', to: '2026-11-27', person: PERSON }, 'America/Los_Angeles'),
    ).toEqual({
      kind: undefined,
      action: undefined,
      outcome: undefined,
      actorUserId: PERSON,
      patientId: undefined,
      // Nov 1 is still daylight time in Los Angeles (UTC−7); Nov 27 is standard time (UTC−8).
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-11-28T07:59:59.999Z',
    });
  });
});
