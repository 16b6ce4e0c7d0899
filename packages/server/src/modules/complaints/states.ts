// The complaint state machine (ISO 10002 steps). Pure: the service calls canMove/assertMove.
import { COMPLAINT_TRANSITIONS, OPEN_STATUSES, type TComplaintStatus } from '@fidelia/contracts';

export function canMove(from: TComplaintStatus, to: TComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from].includes(to);
}

export function isOpen(s: TComplaintStatus): boolean {
  return OPEN_STATUSES.includes(s);
}

/** Every status reachable from `from` through allowed moves (for tests and the web). */
export function reachable(from: TComplaintStatus): Set<TComplaintStatus> {
  const seen = new Set<TComplaintStatus>();
  const todo = [from];
  while (todo.length) {
    const s = todo.pop() as TComplaintStatus;
    for (const n of COMPLAINT_TRANSITIONS[s]) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return seen;
}
