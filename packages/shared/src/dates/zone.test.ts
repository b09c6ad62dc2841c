import { tzOffset } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { isTimeOfDay } from "./time-of-day";
import { canonicalTimeZone, isTimeZone } from "./time-zone-names";
import { fromZoned, todayIn, toZoned } from "./zone";

const at = (iso: string) => new Date(iso);

describe("today in the service's time zone", () => {
  it("is already tomorrow east of UTC early in the morning", () => {
    // 22:30 UTC on 1 March is 09:30 on 2 March in Sydney (AEDT, UTC+11).
    expect(todayIn("Australia/Sydney", at("2026-03-01T22:30:00Z"))).toBe("2026-03-02");
    // Kiritimati is UTC+14: its day starts 14 hours before UTC's.
    expect(todayIn("Pacific/Kiritimati", at("2026-03-01T10:00:00Z"))).toBe("2026-03-02");
    expect(todayIn("Pacific/Kiritimati", at("2026-03-01T09:59:00Z"))).toBe("2026-03-01");
  });

  it("is still yesterday west of UTC late in the evening", () => {
    // 07:30 UTC on 2 March is 23:30 on 1 March in Los Angeles (PST, UTC−8).
    expect(todayIn("America/Los_Angeles", at("2026-03-02T07:30:00Z"))).toBe("2026-03-01");
    // Pago Pago is UTC−11 all year.
    expect(todayIn("Pacific/Pago_Pago", at("2026-03-02T10:59:00Z"))).toBe("2026-03-01");
    expect(todayIn("Pacific/Pago_Pago", at("2026-03-02T11:00:00Z"))).toBe("2026-03-02");
  });

  it("turns at local midnight on either side of a DST change", () => {
    // London: BST starts 29 March 2026 at 01:00 UTC and ends 25 October 2026 at 01:00 UTC.
    expect(todayIn("Europe/London", at("2026-03-28T23:59:00Z"))).toBe("2026-03-28");
    expect(todayIn("Europe/London", at("2026-03-29T23:00:00Z"))).toBe("2026-03-30"); // midnight BST
    expect(todayIn("Europe/London", at("2026-10-24T23:00:00Z"))).toBe("2026-10-25"); // midnight BST
    expect(todayIn("Europe/London", at("2026-10-25T23:30:00Z"))).toBe("2026-10-25"); // 23:30 GMT
    // Sydney: daylight time ends 5 April 2026 and starts 4 October 2026.
    expect(todayIn("Australia/Sydney", at("2026-04-05T13:30:00Z"))).toBe("2026-04-05"); // 23:30 AEST
    expect(todayIn("Australia/Sydney", at("2026-04-05T14:00:00Z"))).toBe("2026-04-06");
    expect(todayIn("Australia/Sydney", at("2026-10-04T12:59:00Z"))).toBe("2026-10-04"); // 23:59 AEDT
    expect(todayIn("Australia/Sydney", at("2026-10-04T13:00:00Z"))).toBe("2026-10-05");
  });
});

describe("a local date and time of day as an instant", () => {
  it("round-trips in zones east and west of UTC", () => {
    for (const zone of [
      "Australia/Sydney",
      "America/Los_Angeles",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
    ]) {
      const instant = fromZoned("2026-03-02", "09:30", zone);
      expect(toZoned(instant, zone)).toEqual({ date: "2026-03-02", time: "09:30" });
    }
    expect(fromZoned("2026-03-02", "09:30", "Australia/Sydney").toISOString()).toBe(
      "2026-03-01T22:30:00.000Z",
    );
    expect(fromZoned("2026-03-01", "23:30", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-02T07:30:00.000Z",
    );
  });

  it("uses the offset of the day itself on each side of a DST change", () => {
    expect(fromZoned("2026-03-28", "09:00", "Europe/London").toISOString()).toBe("2026-03-28T09:00:00.000Z");
    expect(fromZoned("2026-03-30", "09:00", "Europe/London").toISOString()).toBe("2026-03-30T08:00:00.000Z");
    expect(fromZoned("2026-10-24", "09:00", "Europe/London").toISOString()).toBe("2026-10-24T08:00:00.000Z");
    expect(fromZoned("2026-10-26", "09:00", "Europe/London").toISOString()).toBe("2026-10-26T09:00:00.000Z");
    expect(fromZoned("2026-04-03", "09:00", "Australia/Sydney").toISOString()).toBe(
      "2026-04-02T22:00:00.000Z",
    );
    expect(fromZoned("2026-04-06", "09:00", "Australia/Sydney").toISOString()).toBe(
      "2026-04-05T23:00:00.000Z",
    );
    expect(fromZoned("2026-10-02", "09:00", "Australia/Sydney").toISOString()).toBe(
      "2026-10-01T23:00:00.000Z",
    );
    expect(fromZoned("2026-10-05", "09:00", "Australia/Sydney").toISOString()).toBe(
      "2026-10-04T22:00:00.000Z",
    );
  });

  it("moves a time the clocks skip forward by the gap", () => {
    // 01:30 on 29 March 2026 does not exist in London: it is read as 02:30 BST.
    const london = fromZoned("2026-03-29", "01:30", "Europe/London");
    expect(london.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(toZoned(london, "Europe/London")).toEqual({ date: "2026-03-29", time: "02:30" });
    // 02:30 on 4 October 2026 does not exist in Sydney: 03:30 AEDT.
    const sydney = fromZoned("2026-10-04", "02:30", "Australia/Sydney");
    expect(toZoned(sydney, "Australia/Sydney")).toEqual({ date: "2026-10-04", time: "03:30" });
  });

  it("takes the earlier of a time that happens twice", () => {
    // 01:30 on 25 October 2026 happens in BST and again in GMT: the BST one is first.
    expect(fromZoned("2026-10-25", "01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // 02:30 on 5 April 2026 happens in AEDT and again in AEST.
    expect(fromZoned("2026-04-05", "02:30", "Australia/Sydney").toISOString()).toBe(
      "2026-04-04T15:30:00.000Z",
    );
  });

  it("refuses what is not a date or a time of day", () => {
    expect(() => fromZoned("2026-02-30", "09:00", "Europe/London")).toThrow(RangeError);
    expect(() => fromZoned("2026-03-02", "24:00", "Europe/London")).toThrow(RangeError);
    expect(() => fromZoned("2026-03-02", "09:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("the offsets kept and the one-offset day", () => {
  // The conversions as they were before offsets were kept and a day with one offset was cut short:
  // every offset asked of Intl, both candidates tried.
  const reference = {
    offset: (zone: string, ms: number) => Math.round(tzOffset(zone, new Date(ms)) * 60_000),
    toZoned(instant: Date, zone: string) {
      const local = new Date(instant.getTime() + this.offset(zone, instant.getTime()));
      return local.toISOString().slice(0, 16).replace("T", " ");
    },
    fromZoned(date: string, time: string, zone: string) {
      const [hours, minutes] = time.split(":").map(Number);
      const wall = Date.parse(`${date}T00:00:00.000Z`) + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
      const before = this.offset(zone, wall - 86_400_000);
      const after = this.offset(zone, wall + 86_400_000);
      const candidates = [before, after]
        .filter((offset) => this.offset(zone, wall - offset) === offset)
        .map((offset) => wall - offset);
      return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before).toISOString();
    },
  };
  const zones = [
    "Europe/London",
    "Australia/Sydney",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Pacific/Chatham",
  ];
  const times = ["00:00", "01:30", "02:30", "23:59"];

  it("gives every day of a year at night and in the small hours what Intl gives, asked once and again", () => {
    const wrong: string[] = [];
    for (const zone of zones) {
      for (let day = 0; day < 366; day += 1) {
        const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        for (const time of times) {
          const expected = reference.fromZoned(date, time, zone);
          // The first call looks the offsets up, the second finds them kept.
          for (const got of [fromZoned(date, time, zone), fromZoned(date, time, zone)]) {
            if (got.toISOString() !== expected) wrong.push(`${zone} ${date} ${time}: ${got.toISOString()}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives an instant every 3 hours (and 7 s) of a year the local date and time Intl gives, asked once and again", () => {
    const wrong: string[] = [];
    for (const zone of zones) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3 * 3_600_000 + 7_000) {
        const instant = new Date(ms);
        const expected = reference.toZoned(instant, zone);
        for (const { date, time } of [toZoned(instant, zone), toZoned(instant, zone)]) {
          if (`${date} ${time}` !== expected) wrong.push(`${zone} ${instant.toISOString()}: ${date} ${time}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("time zone names and times of day", () => {
  it("accepts IANA zones and refuses unknown names and bare offsets", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("+05:00")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(canonicalTimeZone("australia/sydney")).toBe("Australia/Sydney");
  });

  it("accepts 00:00 to 23:59 only", () => {
    expect(isTimeOfDay("00:00")).toBe(true);
    expect(isTimeOfDay("23:59")).toBe(true);
    expect(isTimeOfDay("24:00")).toBe(false);
    expect(isTimeOfDay("9:30")).toBe(false);
    expect(isTimeOfDay("09:60")).toBe(false);
  });
});
