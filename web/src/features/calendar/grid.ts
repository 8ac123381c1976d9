import { createElement, type ReactNode } from 'react';
import type { ClosedReason } from './closed-time.ts';

/** The grid's slot: a quarter of an hour. */
export const SLOT_MINUTES = 15;

/**
 * The grid's day headers as plain text. react-big-calendar's own is a `role="columnheader"` with no `row` around
 * it (axe: aria-required-parent, critical, once per day and column of the week view); the grid is no table to
 * assistive technology, whose way through the day is the list view.
 */
export function DateHeader({ label }: { label?: ReactNode }) {
  return createElement('span', { className: 'grid-date-header' }, label);
}

/** A slot's classes when it cannot be booked: shaded, the past more lightly than time nobody works. */
export const closedSlotClass = (reason: ClosedReason | null): string | undefined =>
  reason === null ? undefined : `slot-closed${reason === 'past' ? ' slot-past' : ''}`;

/**
 * react-big-calendar's `slotPropGetter`: each slot of a column (its resource: a therapist or a room, none when
 * one is shown) shaded when `closedAt` says why it cannot be booked.
 */
export const closedSlotProps =
  (closedAt: (start: number, end: number, resourceId?: string) => ClosedReason | null) =>
  (slot: Date, resourceId?: string | number) => {
    const start = slot.getTime();
    const column = resourceId == null ? undefined : String(resourceId);
    return { className: closedSlotClass(closedAt(start, start + SLOT_MINUTES * 60_000, column)) };
  };
