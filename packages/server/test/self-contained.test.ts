// The repo explains itself (issue 18): comments, docs and bench notes never send the reader to
// files outside the repository — the planning notes beside it (DOMAIN.md, DESIGN.md,
// CONTRACTS.md), another machine's paths (/work/…) or temp files (/tmp/*.md). The datasets the
// README tells you to place next to the repo (../shared/datasets) are inputs, not citations.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const CITATION = /\b(?:DOMAIN|DESIGN|CONTRACTS)\.md\b|\/work\/|\/tmp\/[\w.-]+\.md\b/;

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((f) => /\.(ts|tsx|mjs|js|sql|md|py|json|sh)$/.test(f) || f === '.ci/run')
    .filter((f) => f !== 'package-lock.json' && !f.endsWith('self-contained.test.ts'));
}

function citations(text: string): string[] {
  return text.split('\n').filter((line) => CITATION.test(line));
}

describe('the repo explains itself', () => {
  it('recognises a citation (a scan that matches nothing cannot fail)', () => {
    expect(citations('// see DOMAIN.md §4\nok\n-- as in /tmp/notes.md')).toHaveLength(2);
    expect(citations('datasets in ../shared/datasets/cdnow; DATA_DIR=/tmp/x')).toHaveLength(0);
  });

  it('no tracked file cites a file outside the repository', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(500);
    const bad: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, f), 'utf8');
      } catch {
        continue; // deleted in the work tree, not yet committed
      }
      for (const line of citations(text)) bad.push(`${f}: ${line.trim().slice(0, 100)}`);
    }
    expect(bad).toEqual([]);
  });
});
