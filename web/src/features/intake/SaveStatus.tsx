import { savedAtText } from './times.ts';
import type { SaveState } from './useAutosave.ts';

/** Where the autosave stands, announced politely. */
export function SaveStatus({ state, timeZone }: { state: SaveState; timeZone: string }) {
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'saved'
        ? savedAtText(state.at, timeZone)
        : state.kind === 'offline' || state.kind === 'error'
          ? state.message
          : 'Your answers are saved as you go.';
  return (
    <p
      className={`save-status save-${state.kind}`}
      role="status"
      aria-live="polite"
      data-testid="save-status"
    >
      {text}
    </p>
  );
}
