import { useEffect, useRef } from 'react';
import { Dialog } from './Dialog.tsx';

/**
 * Asked after a drop, before anything moves: the patient is e-mailed the new time, so a slip of the mouse is not
 * a move. Opens on Move, so Enter confirms; Escape, Keep or Close leave the appointment where it was.
 */
export function MoveConfirm({
  question,
  onMove,
  onKeep,
}: {
  /** What will happen, in full; null: nothing to confirm. */
  question: string | null;
  onMove: () => void;
  onKeep: () => void;
}) {
  const moveRef = useRef<HTMLButtonElement>(null);
  // Runs after the dialog's own effect has opened it (which focuses its first button, Close).
  useEffect(() => {
    if (question) moveRef.current?.focus();
  }, [question]);
  return (
    <Dialog title="Move this appointment?" open={question !== null} onClose={onKeep}>
      <form
        className="form"
        aria-label="Move this appointment"
        onSubmit={(event) => {
          event.preventDefault();
          onMove();
        }}
      >
        <p>{question}</p>
        <div className="form-actions">
          <button ref={moveRef} type="submit" className="button">
            Move
          </button>
          <button type="button" className="button button-quiet" onClick={onKeep}>
            Keep
          </button>
        </div>
      </form>
    </Dialog>
  );
}
