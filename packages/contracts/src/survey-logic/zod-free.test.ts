// `@fidelia/contracts/survey-logic` is what the respondent bundle imports: it must never pull zod
// (or anything else) in at run time. Starting from index.ts, every run-time import is followed:
// each must be a relative file inside src/survey-logic or src/question-types that is not a zod
// schema (base.ts, schemas.ts, <type>/schema.ts); type-only imports are erased at build. This
// reads the sources instead of trusting a comment.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');

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

const resolve = (from: string, spec: string): string | null => {
  const base = join(dirname(from), spec);
  for (const f of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(f)) return f;
  return null;
};
const allowed = (file: string) => {
  const r = relative(src, file);
  return (
    (r.startsWith('survey-logic/') || r.startsWith('question-types/')) &&
    !/(^|\/)(schema|schemas|base)\.ts$/.test(r)
  );
};

/** Every file reached by run-time imports from index.ts, and the statements that break the rule. */
function walk(): { files: string[]; bad: string[] } {
  const seen = new Set<string>();
  const bad: string[] = [];
  const todo = [join(src, 'survey-logic/index.ts')];
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const { statement, from } of imports(readFileSync(f, 'utf8'))) {
      if (/^(import|export)\s+type\b/.test(statement)) continue;
      const target = from.startsWith('.') ? resolve(f, from) : null;
      if (!target || !allowed(target)) bad.push(`${relative(src, f)}: ${statement}`);
      else todo.push(target);
    }
  }
  return { files: [...seen].map((f) => relative(src, f)), bad };
}

describe('survey-logic imports no run-time code but its own and the zod-free type records', () => {
  const { files, bad } = walk();
  it('reaches the registry and every type record', () => {
    expect(files).toContain('question-types/registry.ts');
    expect(files).toContain('question-types/constant_sum/index.ts');
    expect(files.length).toBeGreaterThan(20);
  });
  it('no run-time import of zod, the schemas or anything outside', () => {
    expect(bad).toEqual([]);
  });
  it('the checker itself catches a value import of zod or of the schemas', () => {
    const text = "import { z } from 'zod';\nimport {\n  ZQuestionSchema,\n} from '../surveys';\n";
    expect(imports(text).map((i) => i.from)).toEqual(['zod', '../surveys']);
    expect(allowed(join(src, 'question-types/rating/schema.ts'))).toBe(false);
    expect(allowed(join(src, 'question-types/rating/index.ts'))).toBe(true);
  });
});
