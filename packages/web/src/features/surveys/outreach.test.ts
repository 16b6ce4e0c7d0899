import { describe, expect, it } from 'vitest';
import { blockReason, csvCell, daysSince, linksCsv, validHookUrl } from './outreach';

describe('personal links CSV', () => {
  it('quotes separators and quotes, neutralises formulas, keeps accents', () => {
    expect(csvCell('Peña, José')).toBe('"Peña, José"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(null)).toBe('');
    const csv = linksCsv([
      {
        customerId: 'c1',
        externalId: 'EXT-1',
        name: 'Ana Peña',
        email: 'ana@example.test',
        language: 'es',
        url: 'https://x.test/s/t/abc',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
    ]);
    expect(
      csv.startsWith('\uFEFFcustomer_id,external_id,name,email,language,url,expires_at\r\n'),
    ).toBe(true);
    expect(csv).toContain(
      'c1,EXT-1,Ana Peña,ana@example.test,es,https://x.test/s/t/abc,2027-01-01T00:00:00.000Z\r\n',
    );
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});

describe('helpers', () => {
  it('counts whole days, validates hook URLs, explains blocked customers', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(daysSince(null, now)).toBeNull();
    expect(daysSince('2026-11-20T13:00:00Z', now)).toBe(6);
    expect(daysSince('2026-11-27T11:00:00Z', now)).toBe(0);
    expect(validHookUrl('https://crm.example.com/hooks')).toBe(true);
    expect(validHookUrl('http://10.0.0.1:8080/x')).toBe(true);
    expect(validHookUrl('ftp://example.com')).toBe(false);
    expect(validHookUrl('javascript:alert(1)')).toBe(false);
    expect(validHookUrl('example.com')).toBe(false);
    const ok = { status: 'active', consentSurvey: true, unsubscribed: false };
    expect(blockReason(ok)).toBeNull();
    expect(blockReason({ ...ok, consentSurvey: false })).toBe('no_consent');
    expect(blockReason({ ...ok, unsubscribed: true })).toBe('unsubscribed');
    expect(blockReason({ ...ok, status: 'inactive' })).toBe('inactive');
  });
});
