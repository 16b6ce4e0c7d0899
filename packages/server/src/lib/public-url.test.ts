import { describe, expect, it } from 'vitest';
import { publicBaseUrl } from './public-url';

describe('publicBaseUrl', () => {
  it('uses PUBLIC_URL without trailing slashes', () => {
    expect(
      publicBaseUrl({ publicUrl: 'https://cx.example.com/', host: '0.0.0.0', port: 3000 }),
    ).toBe('https://cx.example.com');
    expect(publicBaseUrl({ publicUrl: 'https://x.example/app//', host: 'h', port: 1 })).toBe(
      'https://x.example/app',
    );
  });
  it('falls back to the listen address; a wildcard address becomes localhost', () => {
    expect(publicBaseUrl({ publicUrl: undefined, host: '0.0.0.0', port: 3000 })).toBe(
      'http://localhost:3000',
    );
    expect(publicBaseUrl({ publicUrl: undefined, host: '::', port: 8080 })).toBe(
      'http://localhost:8080',
    );
    expect(publicBaseUrl({ publicUrl: undefined, host: '10.0.0.5', port: 80 })).toBe(
      'http://10.0.0.5:80',
    );
    expect(publicBaseUrl({ publicUrl: undefined, host: 'fe80::1', port: 3000 })).toBe(
      'http://[fe80::1]:3000',
    );
  });
});
