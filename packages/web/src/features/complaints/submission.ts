// Idempotent complaint submission (server: complaints/intake.ts submissionId).
/** A v4 UUID for `submissionId` (one per filled-in form: a retried POST returns the same case).
 * getRandomValues, not randomUUID: the latter only exists on HTTPS or localhost. */
export function newSubmissionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
