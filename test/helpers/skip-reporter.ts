/**
 * Names every skipped test and why, at the end of the run: a skip is never silent. (A test skips
 * with `t.skip(reason)`; the reason is its note.)
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of modules)
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        const file = module.moduleId.replace(`${process.cwd()}/`, '');
        lines.push(`  ${file} > ${test.fullName}: ${note ?? 'no reason given'}`);
      }
    if (lines.length) process.stdout.write(`\nSkipped tests, and why:\n${lines.join('\n')}\n`);
  }
}
