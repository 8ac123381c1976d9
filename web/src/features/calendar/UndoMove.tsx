import { useEffect, useEffectEvent, useId, useState } from 'react';

/** How long Undo is offered after a move, unless the pointer or the keyboard focus is on it. */
export const UNDO_SECONDS = 15;

/**
 * The Undo beside "… moved to …" after a confirmed move. It is offered for UNDO_SECONDS, counted again whenever
 * the pointer or the focus leaves it, so it never vanishes under someone about to press it; its hint says what
 * pressing it does (a move back, e-mailed to the patient again).
 */
export function UndoMove({
  hint,
  onUndo,
  onExpire,
}: {
  hint: string;
  onUndo: () => void;
  onExpire: () => void;
}) {
  const hintId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const expire = useEffectEvent(onExpire);
  useEffect(() => {
    if (hovered || focused) return;
    const timer = setTimeout(() => expire(), UNDO_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [hovered, focused]);
  return (
    <span className="undo-move">
      {' · '}
      <button
        type="button"
        className="link-button undo-move-button"
        aria-describedby={hintId}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onClick={onUndo}
      >
        Undo
      </button>
      <span id={hintId} className="undo-move-hint">
        {hint}
      </span>
    </span>
  );
}
