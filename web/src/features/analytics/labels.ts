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
