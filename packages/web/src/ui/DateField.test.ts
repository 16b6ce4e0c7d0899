import { describe, expect, it } from 'vitest';
import { parseDay } from './DateField';

describe('parseDay (dates typed in the UI language order)', () => {
  it('reads dd/mm/aaaa in Spanish and mm/dd/yyyy in English', () => {
    expect(parseDay('01/12/2026', 'es')).toBe('2026-12-01');
    expect(parseDay('12/01/2026', 'en')).toBe('2026-12-01');
  });
  it('accepts ISO in both, rejects impossible days', () => {
    expect(parseDay('2026-12-01', 'es')).toBe('2026-12-01');
    expect(parseDay('31/02/2026', 'es')).toBeNull();
    expect(parseDay('13/01/2026', 'en')).toBeNull();
  });
});
