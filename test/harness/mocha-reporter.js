// Mocha reporter: spec output, plus a JSON summary { passes, failures, pending, tests, failed: [titles] }
// written to $ECS_EXPLORER_MOCHA_RESULTS when set (test-all.js sums these per stage).
// With $ECS_EXPLORER_TEST_OUTPUT set, the spec lines are appended to that file instead of the console
// (the extension host's console is not visible to the harness; the launcher tails the file).
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

const { Spec, Base } = Mocha.reporters;
const util = require('util');

if (process.env.ECS_EXPLORER_TEST_OUTPUT) {
  const out = process.env.ECS_EXPLORER_TEST_OUTPUT;
  Base.consoleLog = (...args) => fs.appendFileSync(out, `${util.format(...args)}\n`);
}
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class HarnessReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on(EVENT_TEST_FAIL, (test) => failed.push(test.fullTitle()));
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.ECS_EXPLORER_MOCHA_RESULTS;
      if (!file) return;
      const s = this.stats;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests, failed }));
    });
  }
}

module.exports = HarnessReporter;
