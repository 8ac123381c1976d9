import { describe, expect, it } from 'vitest';
import { draftsOf, formValuesOf, withoutInstrument } from '../../web/src/features/outcomes/drafts.ts';

describe('outcome form values and the draft’s questionnaires', () => {
  it('turns the form’s answers into the drafts stored, and back', () => {
    const values = {
      answers: { ndi: { q1: '2', q2: '', q3: '0' }, odi: { q1: '' } },
      psfs: {
        activity2: { activity: 'Stairs', rating: '' },
        activity1: { activity: 'Lifting my toddler', rating: '4' },
        activity3: { activity: '', rating: '' },
      },
    };
    const drafts = draftsOf(values);
    expect(drafts).toEqual([
      { instrumentId: 'ndi', answers: { q1: 2, q3: 0 } },
      {
        instrumentId: 'psfs',
        activities: [
          { slot: 'activity1', activity: 'Lifting my toddler', rating: 4 },
          { slot: 'activity2', activity: 'Stairs', rating: null },
        ],
      },
    ]);
    expect(formValuesOf(drafts)).toEqual({
      answers: { ndi: { q1: '2', q3: '0' } },
      psfs: {
        activity1: { activity: 'Lifting my toddler', rating: '4' },
        activity2: { activity: 'Stairs', rating: '' },
      },
    });
    expect(formValuesOf(undefined)).toEqual({ answers: {}, psfs: {} });
  });

  it('drops one instrument once scored or cleared', () => {
    const values = formValuesOf([
      { instrumentId: 'ndi', answers: { q1: 2 } },
      { instrumentId: 'psfs', activities: [{ slot: 'activity1', activity: 'Walking', rating: 3 }] },
    ]);
    expect(draftsOf(withoutInstrument(values, 'ndi')).map((d) => d.instrumentId)).toEqual(['psfs']);
    expect(draftsOf(withoutInstrument(values, 'psfs')).map((d) => d.instrumentId)).toEqual(['ndi']);
  });
});
