import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files (minutes each: they train the lesson models and run PyTorch), longest first. A fresh CI machine
 * has no timing cache, and vitest would order these by file size, so a long file could start late and leave one
 * of the two workers running it alone at the end.
 */
const SLOWEST_FIRST = [
  'src-main/templates-seq2seq-lessons.test.ts',
  'src-main/templates-lessons.test.ts',
  'src-main/training/pytorch/torch-engine.test.ts',
  'src-main/export/pytorch/templates-torch.test.ts',
  'src-main/templates-train.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(p));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // 2 cores: one fork per core (tfjs's wasm backend runs single-threaded in each).
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
  },
});
