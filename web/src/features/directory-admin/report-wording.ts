/**
 * How reporting a review reads: staff report it to the owner; the owner, who decides reports, puts it in their
 * own moderation queue (never "report to the owner", i.e. to themselves).
 */
export function reportWording(isOwner: boolean) {
  return isOwner
    ? {
        intro: 'put a review in the moderation queue to decide whether it stays public',
        reason: 'Why this review needs a decision',
        button: 'Add to the moderation queue',
        pending: 'in your moderation queue',
        linkToQueue: true,
      }
    : {
        intro: 'report a review to the owner',
        reason: 'Reason for reporting',
        button: 'Report to the owner',
        pending: 'reported, awaiting the owner',
        linkToQueue: false,
      };
}
