/** One line per figure, always against its target, so a reader sees at a glance what holds. */
export interface Figure {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    console.log(`  ${f.ok ? '✓' : '✗'} ${f.name.padEnd(width)}  ${f.value.padEnd(22)} target ${f.target}`);
  }
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
