import { describe, expect, it } from "vitest";
import { formatChange, formatPercent, formatSigned } from "./measure-text";

describe("change from baseline", () => {
  it("shows a fall with a true minus sign and the reduction", () => {
    expect(formatChange(-8, 44.4)).toBe("−8 (44.4% lower)");
    expect(formatChange(-10, 50)).toBe("−10 (50% lower)");
  });

  it("shows a rise as higher, and no change as such", () => {
    expect(formatChange(3, -25)).toBe("+3 (25% higher)");
    expect(formatChange(0, 0)).toBe("0 (no change)");
  });

  it("leaves the percentage out when the baseline was 0", () => {
    expect(formatChange(4, null)).toBe("+4");
    expect(formatSigned(-2)).toBe("−2");
  });
});

describe("percentages read as Intl's en-GB numbers", () => {
  it("round to one decimal half away from zero, group thousands and drop a trailing .0", () => {
    const intl = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
    const values = [
      0, -0, 0.04, -0.04, 0.05, 0.15, 1.25, 12.25, 33.35, 44.44, 50, 99.95, 100, 1234.56, -25, -4.45,
    ];
    for (let i = 0; i <= 2000; i += 1) values.push(i / 7, -i / 3, i * 1.005);
    for (const value of values) expect(formatPercent(value)).toBe(`${intl.format(value)}%`);
  });
});
