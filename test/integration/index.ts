// Mocha runner loaded in the extension host (extensionTestsPath). Runs out/test/integration/**/*.test.js.
// MOCHA_GREP filters tests; the harness reporter writes a JSON summary to $ECS_EXPLORER_MOCHA_RESULTS.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reporter = require(path.join(ROOT, 'test', 'harness', 'mocha-reporter.js'));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
