// The SSRF guard's address classification and URL check (no network).
import { expect, it } from 'vitest';
import { loadConfig } from '../config';
import { checkUrl, EgressRefused, egressLookup, isPublicAddress } from './egress';

it('classifies only public unicast addresses as public', () => {
  const nonPublic = [
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '[::1]',
    'not-an-ip',
  ];
  for (const a of nonPublic) expect(isPublicAddress(a), a).toBe(false);
  for (const a of [
    '8.8.8.8',
    '172.32.0.1',
    '93.184.215.14',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])
    expect(isPublicAddress(a), a).toBe(true);
});

it('checks literal IP hosts after URL normalisation; names pass to the lookup', () => {
  expect(() => checkUrl('http://2130706433/', false)).toThrow(EgressRefused);
  expect(() => checkUrl('http://[::ffff:a9fe:a9fe]/', false)).toThrow(EgressRefused);
  expect(() => checkUrl('http://127.0.0.1/', true)).not.toThrow();
  expect(() => checkUrl('https://hooks.example.com/x', false)).not.toThrow();
});

it('the lookup refuses a name that resolves to loopback, and allows it when permitted', async () => {
  const run = (allow: boolean, all: boolean) =>
    new Promise<{ err: Error | null; addr: unknown }>((resolve) =>
      egressLookup(allow)('localhost', { all }, (err, addr) => resolve({ err, addr })),
    );
  const refused = await run(false, false);
  expect(refused.err).toBeInstanceOf(EgressRefused);
  expect(refused.err?.message).toMatch(/^refused: localhost resolves to/);
  const allowed = await run(true, true);
  expect(allowed.err).toBeNull();
  expect((allowed.addr as { address: string }[]).map((a) => a.address)).toContain('127.0.0.1');
});

it('WEBHOOK_ALLOW_PRIVATE is off by default and validated', () => {
  const base = { SESSION_SECRET: 'x'.repeat(40) };
  expect(loadConfig(base).webhookAllowPrivate).toBe(false);
  expect(loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
  expect(loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE: '0' }).webhookAllowPrivate).toBe(false);
  expect(() => loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
    /WEBHOOK_ALLOW_PRIVATE/,
  );
});
