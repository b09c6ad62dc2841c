// Plain words for scores and their change, used wherever a course's measures are summarised
// (caseload, course page, supervisor's lists, end-of-treatment summary).

/**
 * 44.4 → "44.4%", 50 → "50%", 1234.56 → "1,234.6%": what Intl.NumberFormat("en-GB",
 * { maximumFractionDigits: 1 }) writes, without the ICU set-up of a first Intl formatter on the page
 * (see lib/format.ts). Like Intl, it rounds the number's shortest decimal form ("0.15", not the
 * double's exact value) half away from zero.
 */
export function formatPercent(value: number): string {
  const decimal = String(Math.abs(value));
  const [whole, fraction = ""] = decimal.includes("e")
    ? Math.abs(value).toFixed(2).split(".")
    : decimal.split(".");
  let tenths = BigInt(`${whole}${fraction[0] ?? "0"}`);
  if ((fraction[1] ?? "0") >= "5") tenths += 1n;
  const grouped = String(tenths / 10n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const tenth = tenths % 10n;
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return `${sign}${grouped}${tenth === 0n ? "" : `.${tenth}`}%`;
}

/** A signed whole number with a true minus sign: −8, +3, 0. */
export function formatSigned(value: number): string {
  if (value < 0) return `−${Math.abs(value)}`;
  return value > 0 ? `+${value}` : "0";
}

/** The reduction from baseline in words: 44.4 → "44.4% lower", −25 → "25% higher". */
export function reductionWords(reductionPercent: number): string {
  return `${formatPercent(Math.abs(reductionPercent))} ${reductionPercent >= 0 ? "lower" : "higher"}`;
}

/**
 * The change from baseline (latest − baseline; negative is better) with the reduction as a
 * percentage: "−8 (44.4% lower)", "+3 (25% higher)", "0 (no change)". The percentage is left out
 * when the baseline was 0 (the API gives none).
 */
export function formatChange(change: number, reductionPercent: number | null): string {
  const points = formatSigned(change);
  if (change === 0) return `${points} (no change)`;
  if (reductionPercent === null) return points;
  return `${points} (${reductionWords(reductionPercent)})`;
}
