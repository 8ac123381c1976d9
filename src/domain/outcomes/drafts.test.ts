import { describe, expect, it } from 'vitest';
import { draftProgress, normaliseQuestionnaireDrafts, unscoredQuestionnairesBlock } from './drafts.ts';
import { questionnaireDraftSchema, questionnaireDraftsSchema } from './schemas.ts';

describe('normaliseQuestionnaireDrafts', () => {
  it('drops unanswered items, empty PSFS rows and questionnaires with nothing answered', () => {
    expect(
      normaliseQuestionnaireDrafts([
        { instrumentId: 'ndi', answers: { q1: 2, q2: null, q3: 0 } },
        { instrumentId: 'odi', answers: { q1: null } },
        {
          instrumentId: 'psfs',
          activities: [
            { slot: 'activity1', activity: '  Lifting my toddler ', rating: null },
            { slot: 'activity2', activity: ' ', rating: null },
            { slot: 'activity3', activity: '', rating: 4 },
          ],
        },
        { instrumentId: 'lefs', answers: {} },
      ]),
    ).toEqual([
      { instrumentId: 'ndi', answers: { q1: 2, q3: 0 } },
      {
        instrumentId: 'psfs',
        activities: [
          { slot: 'activity1', activity: 'Lifting my toddler', rating: null },
          { slot: 'activity3', activity: '', rating: 4 },
        ],
      },
    ]);
  });

  it('keeps one entry per instrument, the later one, and takes nothing for null', () => {
    expect(
      normaliseQuestionnaireDrafts([
        { instrumentId: 'ndi', answers: { q1: 2 } },
        { instrumentId: 'nprs', answers: { pain: 5 } },
        { instrumentId: 'ndi', answers: { q1: 3 } },
      ]),
    ).toEqual([
      { instrumentId: 'ndi', answers: { q1: 3 } },
      { instrumentId: 'nprs', answers: { pain: 5 } },
    ]);
    // A later empty entry clears the instrument.
    expect(
      normaliseQuestionnaireDrafts([
        { instrumentId: 'ndi', answers: { q1: 2 } },
        { instrumentId: 'ndi', answers: {} },
      ]),
    ).toEqual([]);
    expect(normaliseQuestionnaireDrafts(null)).toEqual([]);
  });
});

describe('draftProgress', () => {
  it('counts answered items of the instrument, and rated PSFS activities of those named', () => {
    expect(draftProgress({ instrumentId: 'ndi', answers: { q1: 2, q2: 0, q3: null } })).toEqual({
      answered: 2,
      total: 10,
    });
    expect(
      draftProgress({
        instrumentId: 'psfs',
        activities: [
          { slot: 'activity1', activity: 'Walking', rating: 3 },
          { slot: 'activity2', activity: 'Stairs', rating: null },
        ],
      }),
    ).toEqual({ answered: 1, total: 2 });
  });
});

describe('unscoredQuestionnairesBlock', () => {
  it('names each questionnaire begun and not scored', () => {
    expect(unscoredQuestionnairesBlock([])).toBeNull();
    expect(unscoredQuestionnairesBlock(undefined)).toBeNull();
    expect(unscoredQuestionnairesBlock([{ instrumentId: 'ndi', answers: { q1: null } }])).toBeNull();
    expect(unscoredQuestionnairesBlock([{ instrumentId: 'ndi', answers: { q1: 1 } }])).toBe(
      'NDI is started but not scored, so not recorded: score it or clear its answers before signing.',
    );
    expect(
      unscoredQuestionnairesBlock([
        { instrumentId: 'ndi', answers: { q1: 1 } },
        { instrumentId: 'odi', answers: { q1: 1 } },
        { instrumentId: 'quickdash', answers: { q1: 1 } },
      ]),
    ).toBe(
      'NDI, ODI and QuickDASH are started but not scored, so not recorded: score them or clear their answers before signing.',
    );
  });
});

describe('questionnaireDraftSchema', () => {
  const issues = (value: unknown) =>
    questionnaireDraftSchema
      .safeParse(value)
      .error?.issues.map((i) => ({ path: i.path, message: i.message }));

  it('accepts answers so far, each one of its item’s allowed values', () => {
    expect(
      questionnaireDraftSchema.safeParse({ instrumentId: 'ndi', answers: { q1: 5, q2: null } }).success,
    ).toBe(true);
    expect(
      questionnaireDraftSchema.safeParse({
        instrumentId: 'psfs',
        activities: [{ slot: 'activity1', activity: '', rating: 7 }],
      }).success,
    ).toBe(true);
  });

  it('refuses an answer out of range, an unknown item or instrument, and mixed PSFS shapes', () => {
    expect(issues({ instrumentId: 'ndi', answers: { q1: 6 } })).toEqual([
      { path: ['answers', 'q1'], message: expect.stringContaining('not allowed') },
    ]);
    expect(issues({ instrumentId: 'ndi', answers: { q11: 1 } })).toEqual([
      { path: ['answers', 'q11'], message: "Unknown item 'q11' for NDI" },
    ]);
    expect(issues({ instrumentId: 'hit6', answers: { q1: 7 } })?.[0]?.path).toEqual(['answers', 'q1']);
    expect(issues({ instrumentId: 'sf36', answers: {} })?.[0]?.path).toEqual(['instrumentId']);
    expect(issues({ instrumentId: 'psfs', answers: { activity1: 3 } })?.[0]?.path).toEqual(['answers']);
    expect(issues({ instrumentId: 'ndi', answers: {}, activities: [] })?.[0]?.path).toEqual(['activities']);
    expect(
      issues({
        instrumentId: 'psfs',
        activities: [
          { slot: 'activity1', activity: 'A', rating: 1 },
          { slot: 'activity1', activity: 'B', rating: 2 },
        ],
      })?.[0]?.path,
    ).toEqual(['activities', 1, 'slot']);
    expect(
      issues({ instrumentId: 'psfs', activities: [{ slot: 'activity1', activity: 'A', rating: 11 }] })?.[0]
        ?.path,
    ).toEqual(['activities', 0, 'rating']);
  });

  it('takes one draft per instrument', () => {
    const parsed = questionnaireDraftsSchema.safeParse([
      { instrumentId: 'ndi', answers: { q1: 1 } },
      { instrumentId: 'ndi', answers: { q2: 1 } },
    ]);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([[1, 'instrumentId']]);
  });
});
