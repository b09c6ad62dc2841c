// The fuzz's figures, printed one per line as `fuzz: <what> = <value>`. Run by the resilience
// scenario, they go to the JSON file FUZZ_REPORT names (the scenario prints them after vitest's own
// output); run by vitest alone, to the console.
import { writeFileSync } from "node:fs";

export interface Report {
  lines: string[];
  /** Operations no actor got a 2xx from (the fuzz reached only their validation and refusals). */
  never2xx: string[];
  failures: string[];
}

export class Tally {
  actors = 0;
  runsEach = 0;
  cases = 0;
  /** Every request sent, shrinking included. */
  requests = 0;
  readonly answers = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  schemaMismatches = 0;
  readonly operationsWith2xx = new Set<string>();
  oversizeChecks = 0;
  oversizeFailures = 0;
  repairs = 0;
  readonly failures: string[] = [];

  constructor(private readonly operationKeys: string[]) {}

  answered(operationKey: string, status: number) {
    this.requests += 1;
    const band = `${Math.floor(status / 100)}xx` as keyof Tally["answers"];
    if (band in this.answers) this.answers[band] += 1;
    if (band === "2xx") this.operationsWith2xx.add(operationKey);
  }

  lines(): string[] {
    const figures: [string, number][] = [
      ["operations", this.operationKeys.length],
      ["actors", this.actors],
      ["runs per operation and actor", this.runsEach],
      ["cases tried", this.cases],
      ["requests sent", this.requests],
      ["2xx answers", this.answers["2xx"]],
      ["3xx answers", this.answers["3xx"]],
      ["4xx answers", this.answers["4xx"]],
      ["5xx answers", this.answers["5xx"]],
      ["2xx schema mismatches", this.schemaMismatches],
      ["operations answering 2xx at least once", this.operationsWith2xx.size],
      ["413 checks", this.oversizeChecks],
      ["413 failures", this.oversizeFailures],
      ["failing operation-actor pairs", this.failures.length],
      ["account repairs", this.repairs],
    ];
    return figures.map(([what, value]) => `fuzz: ${what} = ${value}`);
  }

  publish() {
    const never2xx = this.operationKeys.filter((key) => !this.operationsWith2xx.has(key));
    const report: Report = { lines: this.lines(), never2xx, failures: this.failures };
    const file = process.env.FUZZ_REPORT;
    if (file) writeFileSync(file, JSON.stringify(report));
    else console.log([...report.lines, `never 2xx: ${never2xx.join(", ")}`, ...report.failures].join("\n"));
  }
}
