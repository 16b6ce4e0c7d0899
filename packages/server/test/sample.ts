// Builds a minimal valid-looking JSON value from a route's zod body schema, so generated tests
// get past validation and actually reach the service (and its tenant checks).
import { randomUUID } from 'node:crypto';
import { type ZodType, z } from 'zod';

type J = { [k: string]: unknown };

function fromJson(s: J): unknown {
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  const any = (s.anyOf ?? s.oneOf) as J[] | undefined;
  if (any?.[0]) return fromJson(any.find((x) => x.type !== 'null') ?? any[0]);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: J = {};
      const props = (s.properties ?? {}) as Record<string, J>;
      for (const k of (s.required ?? []) as string[]) if (props[k]) out[k] = fromJson(props[k]);
      return out;
    }
    case 'array':
      return s.items && typeof s.minItems === 'number' && s.minItems > 0
        ? [fromJson(s.items as J)]
        : [];
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email') return `x${Date.now()}@example.test`;
      if (s.format === 'date') return '2024-01-01';
      if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
      return 'x'.repeat(Math.max(1, Number(s.minLength ?? 12)));
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

export function sampleBody(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return undefined;
  try {
    return fromJson(
      z.toJSONSchema(schema as ZodType, { io: 'input', unrepresentable: 'any' }) as J,
    );
  } catch {
    return {};
  }
}
