import { describe, expect, it } from "vitest";
import { formatChange, formatSigned } from "./measure-text";

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
