/** What an editor page needs to know of its query. */
interface EditorQuery {
  isError: boolean;
  isFetchedAfterMount: boolean;
}

/**
 * True while an editor's record is only the copy cached on an earlier visit. The editor starts from the server's
 * latest copy: what was autosaved as the user left would otherwise be shown stale, and saved over.
 */
export function cachedFromEarlierVisit(...queries: EditorQuery[]): boolean {
  return queries.some((q) => !q.isFetchedAfterMount && !q.isError);
}
