// `@fidelia/contracts/survey-logic` is what the respondent bundle imports: it must never pull zod
// (or anything else) in at run time. Every import of the non-test sources is either a sibling in
// this folder or type-only (erased at build); this reads the sources instead of trusting a comment.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** `import … from 'x'` / `export … from 'x'` statements (multi-line ones too), and bare imports. */
function imports(text: string): { statement: string; from: string }[] {
  const out: { statement: string; from: string }[] = [];
  for (const m of text.matchAll(/^(import|export)\b[^;]*?from\s+['"]([^'"]+)['"]/gms))
    out.push({ statement: m[0], from: m[2] ?? '' });
  for (const m of text.matchAll(/^import\s+['"]([^'"]+)['"]/gm))
    out.push({ statement: m[0], from: m[1] ?? '' });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g))
    out.push({ statement: m[0], from: m[1] ?? '' });
  return out;
}

describe('survey-logic imports no run-time code from outside its folder', () => {
  it('has sources to check', () => {
    expect(sources).toContain('index.ts');
    expect(sources.length).toBeGreaterThan(3);
  });
  for (const f of sources) {
    it(f, () => {
      const bad = imports(readFileSync(new URL(f, dir), 'utf8')).filter(
        ({ statement, from }) =>
          !/^\.\/[a-z-]+$/.test(from) && !/^(import|export)\s+type\b/.test(statement),
      );
      expect(bad.map((b) => b.statement)).toEqual([]);
    });
  }
  it('the checker itself catches a value import of zod or of the schemas', () => {
    const src = "import { z } from 'zod';\nimport {\n  ZQuestionSchema,\n} from '../surveys';\n";
    expect(imports(src).map((i) => i.from)).toEqual(['zod', '../surveys']);
  });
});
