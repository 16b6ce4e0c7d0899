// TRUST_PROXY: off unless configured; a hop count or a list of proxy addresses/CIDRs; anything
// else (including "true", which would trust a forged X-Forwarded-For) is refused clearly.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const env = (extra: Record<string, string>) => ({
  SESSION_SECRET: 'x'.repeat(32),
  DATA_DIR: '/tmp/fidelia-config-test',
  ...extra,
});

describe('TRUST_PROXY', () => {
  it('is off by default and for false/0/empty', () => {
    expect(loadConfig(env({})).trustProxy).toBe(false);
    for (const v of ['false', '0', '', ' ']) {
      expect(loadConfig(env({ TRUST_PROXY: v })).trustProxy).toBe(false);
    }
  });

  it('takes a hop count', () => {
    expect(loadConfig(env({ TRUST_PROXY: '1' })).trustProxy).toBe(1);
    expect(loadConfig(env({ TRUST_PROXY: '2' })).trustProxy).toBe(2);
  });

  it('takes a comma-separated list of addresses, CIDRs and proxy-addr range names', () => {
    expect(
      loadConfig(env({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' })).trustProxy,
    ).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses true, with what to write instead', () => {
    expect(() => loadConfig(env({ TRUST_PROXY: 'true' }))).toThrow(
      /TRUST_PROXY: true would trust a forged X-Forwarded-For.*number of proxies/,
    );
  });

  it('names the entries that are not addresses or CIDRs', () => {
    for (const bad of [
      '10.0.0.0/33',
      'proxy.example.com',
      '10.0.0.1,nope',
      '::1/129',
      '99',
      '1.2.3.4/8/8',
    ]) {
      expect(() => loadConfig(env({ TRUST_PROXY: bad }))).toThrow(/TRUST_PROXY: not a hop count/);
    }
    expect(() => loadConfig(env({ TRUST_PROXY: '10.0.0.1,nope' }))).toThrow(/: nope$/);
  });
});

describe('RATE_LIMIT_ACCOUNT', () => {
  it('defaults to 10 and must be a positive integer', () => {
    expect(loadConfig(env({})).rateLimitAccount).toBe(10);
    expect(loadConfig(env({ RATE_LIMIT_ACCOUNT: '3' })).rateLimitAccount).toBe(3);
    expect(() => loadConfig(env({ RATE_LIMIT_ACCOUNT: '0' }))).toThrow(/RATE_LIMIT_ACCOUNT/);
  });
});
