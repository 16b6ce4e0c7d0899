// Pure parts of the complaints module: state machine, content sniffing, file names, assignment
// choice, auto-reply detection, mbox splitting, report statistics.
import { COMPLAINT_STATUSES } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { pick } from './assign';
import { autoReason, splitMbox } from './inbound';
import { safeFilename, sniff } from './sniff';
import { canMove, reachable } from './states';

describe('state machine', () => {
  it('follows ISO 10002 order and only allows listed moves', () => {
    expect(canMove('received', 'acknowledged')).toBe(true);
    expect(canMove('received', 'closed')).toBe(false);
    expect(canMove('closed', 'reopened')).toBe(true);
    expect(canMove('closed', 'investigating')).toBe(false);
    expect(canMove('responded', 'closed')).toBe(true);
  });
  it('can reach closing from every state and never leaves closed except by reopening', () => {
    for (const s of COMPLAINT_STATUSES) expect(reachable(s).has('closed'), s).toBe(true);
    expect([...reachable('closed')].sort()).toEqual(
      [...reachable('reopened'), 'reopened'].filter((x, i, a) => a.indexOf(x) === i).sort(),
    );
  });
});

describe('sniffing', () => {
  const b = (...x: number[]) => Uint8Array.from(x);
  it('recognises allowed types by content, whatever the name says', () => {
    expect(sniff(Buffer.from('%PDF-1.7 ...'))?.contentType).toBe('application/pdf');
    expect(sniff(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))?.ext).toBe('png');
    expect(sniff(b(0xff, 0xd8, 0xff, 0xe0))?.ext).toBe('jpg');
    expect(sniff(Buffer.from('<html><script>x</script>'))?.contentType).toBe(
      'text/plain; charset=utf-8',
    );
  });
  it('refuses binaries and invalid UTF-8', () => {
    expect(sniff(b(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(sniff(b(0x50, 0x4b, 0x03, 0x04, 0x00))).toBeNull();
    expect(sniff(b(0xc3, 0x28))).toBeNull();
    expect(sniff(b())).toBeNull();
  });
  it('makes file names safe and matching the sniffed type', () => {
    expect(safeFilename('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(safeFilename('factura "mayo".exe', 'pdf')).toBe('factura _mayo_.pdf');
    expect(safeFilename('...', 'png')).toBe('adjunto.png');
  });
});

describe('assignment choice', () => {
  const c = [
    { id: 'b', load: 2 },
    { id: 'a', load: 1 },
    { id: 'c', load: 1 },
  ];
  it('round robin rotates by id after the cursor, wrapping', () => {
    expect(pick(c, 'round_robin', null)?.id).toBe('a');
    expect(pick(c, 'round_robin', 'a')?.id).toBe('b');
    expect(pick(c, 'round_robin', 'c')?.id).toBe('a');
    expect(pick(c, 'round_robin', 'zz')?.id).toBe('a');
  });
  it('least loaded takes the fewest open cases, ties in round-robin order', () => {
    expect(pick(c, 'least_loaded', null)?.id).toBe('a');
    expect(pick(c, 'least_loaded', 'a')?.id).toBe('c');
    expect(pick([], 'least_loaded', null)).toBeNull();
  });
});

describe('inbound mail', () => {
  const h = (k: string, v: string) => [{ key: k, value: v }];
  it('ignores auto-replies, bulk mail and bounces', () => {
    expect(autoReason(h('auto-submitted', 'auto-replied'), 'a@x.es')).toBe('auto-submitted');
    expect(autoReason(h('auto-submitted', 'no'), 'a@x.es')).toBeNull();
    expect(autoReason(h('precedence', 'bulk'), 'a@x.es')).toBe('precedence:bulk');
    expect(autoReason(h('x-autoreply', 'yes'), 'a@x.es')).toBe('x-autoreply');
    expect(autoReason([], 'MAILER-DAEMON@x.es')).toBe('bounce');
    expect(autoReason([], 'a@x.es')).toBeNull();
  });
  it('splits an mbox and unescapes >From lines', () => {
    const m = splitMbox(
      'From a@x Mon\nSubject: 1\n\n>From here\nFrom b@x Tue\nSubject: 2\n\nhola\n',
    );
    expect(m).toHaveLength(2);
    expect(m[0]).toContain('\r\nFrom here');
  });
});
