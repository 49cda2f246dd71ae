// Runs the check of everything a test run logged (logged-secrets.test.ts) after every other test.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /logged-secrets\.test\.ts$/;

class LastCheckSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => !LAST.test(t.path)), ...sorted.filter((t) => LAST.test(t.path))];
  }
}

module.exports = LastCheckSequencer;
