import { describe, expect, it } from 'vitest';
import { reportWording } from '../../web/src/features/directory-admin/report-wording.ts';

describe('reportWording', () => {
  it('never offers the owner to report a review to the owner', () => {
    const owner = reportWording(true);
    expect(Object.values(owner).join(' ')).not.toMatch(/to the owner|awaiting the owner/);
    expect(owner.button).toBe('Add to the moderation queue');
  });

  it('lets staff report a review to the owner', () => {
    expect(reportWording(false).button).toBe('Report to the owner');
  });
});
