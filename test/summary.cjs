// Prints the closing line CI reads. Jest's own summary comes after the reporters, so this runs as
// a testResultsProcessor and writes on process exit, after everything else.
module.exports = (results) => {
  const line = `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`;
  process.on('exit', () => process.stdout.write(`\n${line}\n`));
  return results;
};
