// Imported by each entry (main.tsx, login/main.tsx, questionnaire/main.tsx) and kept in the `react`
// chunk (vite.config.ts), so that React DOM's module body runs when that chunk is evaluated: early,
// while the page's other scripts are still arriving. Otherwise the bundler runs it where the entry's
// own code first needs it, in the last script's evaluation, one long task with the router's set-up,
// on the way to the page's data (docs/benchmarks.md).
import "react-dom/client";
