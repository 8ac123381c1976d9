/** Half-open interval `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorts by start (in place) and merges overlapping or touching intervals into a new array. */
export function sortAndMerge(list: Interval[]): Interval[] {
  list.sort((a, b) => a.start - b.start);
  return mergeSorted(list);
}

/**
 * Merges an already start-sorted list; empty intervals are dropped. Input items are never mutated: an
 * item is reused as-is unless it has to grow, in which case a new object replaces it (copy-on-write keeps
 * allocation low, since most appointments do not overlap).
 */
export function mergeSorted(list: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cur: Interval | undefined;
  for (const iv of list) {
    if (iv.end <= iv.start) continue;
    if (cur && iv.start <= cur.end) {
      if (iv.end > cur.end) {
        cur = { start: cur.start, end: iv.end };
        out[out.length - 1] = cur;
      }
    } else {
      cur = iv;
      out.push(cur);
    }
  }
  return out;
}

/** Merges two start-sorted lists into one start-sorted, merged list. O(a + b). */
export function mergeTwo(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const all: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start <= y.start)) {
      all.push(x!);
      i++;
    } else {
      all.push(y);
      j++;
    }
  }
  return mergeSorted(all);
}

/** Index of the first interval whose end is after `t` (binary search over a sorted, merged list). */
export function firstEndingAfter(list: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True if `[start, end)` overlaps nothing in the sorted, merged `busy` list. O(log n). */
export function isFree(busy: readonly Interval[], start: number, end: number): boolean {
  const next = busy[firstEndingAfter(busy, start)];
  return next === undefined || next.start >= end;
}

/** True if `[start, end)` lies entirely inside one interval of the sorted, merged `list`. */
export function isCovered(list: readonly Interval[], start: number, end: number): boolean {
  const iv = list[firstEndingAfter(list, start)];
  return iv !== undefined && iv.start <= start && iv.end >= end;
}

/**
 * Removes `blocked` (sorted, merged) from each window (sorted by start; may overlap each other).
 * `piece` builds the remaining part of a window so callers keep their extra fields. O(W log B + pieces).
 */
export function subtract<W extends Interval>(
  windows: readonly W[],
  blocked: readonly Interval[],
  piece: (w: W, start: number, end: number) => W,
): W[] {
  const out: W[] = [];
  for (const w of windows) {
    let cursor = w.start;
    let k = firstEndingAfter(blocked, cursor);
    while (cursor < w.end) {
      const b = blocked[k];
      if (b === undefined || b.start >= w.end) {
        out.push(cursor === w.start ? w : piece(w, cursor, w.end));
        break;
      }
      if (b.start > cursor) out.push(piece(w, cursor, b.start));
      if (b.end > cursor) cursor = b.end;
      k++;
    }
  }
  return out;
}
