/**
 * A bar's name on lines of at most `maxChars` characters, broken between words (a word longer than a line keeps
 * its own line whole). Each line after the first starts with the space it was broken at, so the label's text as
 * read aloud, copied or searched is the name as written: "Swedish (relaxation) massage", not
 * "Swedish (relaxation)massage".
 */
export function labelLines(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of label.trim().split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.trimStart().length + 1 + word.length <= maxChars) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(lines.length === 0 ? word : ` ${word}`);
    }
  }
  return lines;
}

interface ShareRow {
  share: number | null;
  measured: number;
}

// A no-break space keeps "100 %" on one line in a narrow column.
export const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}\u00a0%`);

/** Whether a row has too few measured episodes for its share to be compared with the others. */
export const tooFewToCompare = (row: ShareRow, minEpisodes: number) => row.measured < minEpisodes;

/**
 * The text beside a bar: always there, so a 0 % bar (no width) reads as 0 % rather than missing, an episode
 * never measured says so, and a share from too few episodes is marked as such.
 */
export function barLabel(row: ShareRow, minEpisodes: number): string {
  if (row.share === null) return 'not measured';
  return tooFewToCompare(row, minEpisodes) ? `${pct(row.share)} · too few` : pct(row.share);
}

/** The table's Share cell, with why a share is not to be compared. */
export function shareCell(row: ShareRow, minEpisodes: number): string {
  if (row.share === null) return 'Not measured';
  return tooFewToCompare(row, minEpisodes)
    ? `${pct(row.share)} — too few episodes to compare (fewer than ${minEpisodes} measured)`
    : pct(row.share);
}
