/**
 * Said where the draft's autosave status stands after the plan was refused: the draft is kept, but no plan
 * version was saved (a bare "Saved at …" under "Not saved" read as if the plan had been). No JSX.
 */
import type { DraftSaveState } from '../assessments/useDraftAutosave.ts';

export function draftKeptText(state: DraftSaveState, time: (at: Date) => string): string {
  if (state.kind === 'saving') return 'Keeping your draft… The plan itself is not saved yet.';
  if (state.kind === 'error') return `${state.message} The plan itself is not saved yet.`;
  const kept =
    state.kind === 'saved' ? `Your draft is kept (last kept at ${time(state.at)})` : 'Your draft is kept';
  return `${kept}, but no new plan version was saved: change what is marked and save again.`;
}
