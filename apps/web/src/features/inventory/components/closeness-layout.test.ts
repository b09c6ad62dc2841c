import { describe, expect, it } from "vitest";
import { CENTRE, describeCircle, personRadius, placePeople, shortLabel } from "./closeness-layout";

const person = (id: string, ring: "inner" | "middle" | "outer", relationship = "friend") => ({
  id,
  label: `Person ${id}`,
  relationship,
  ring,
});

describe("placePeople", () => {
  it("puts a lone inner-circle person straight above the client", () => {
    expect(placePeople([person("a", "inner")])).toEqual([
      { id: "a", label: "Person a", ring: "inner", x: CENTRE, y: CENTRE - personRadius.inner },
    ]);
  });

  it("places everyone on their own ring, at that ring's distance from the client", () => {
    const people = [person("a", "outer"), person("b", "inner"), person("c", "middle"), person("d", "outer")];
    for (const placed of placePeople(people)) {
      const distance = Math.hypot(placed.x - CENTRE, placed.y - CENTRE);
      expect(distance).toBeCloseTo(personRadius[placed.ring], 0);
    }
  });

  it("spreads people on the same ring evenly, so two sit opposite each other", () => {
    const [first, second] = placePeople([person("a", "inner"), person("b", "inner")]);
    expect(first && second).toBeTruthy();
    if (!first || !second) return;
    expect(first.x + second.x).toBeCloseTo(2 * CENTRE, 0);
    expect(first.y + second.y).toBeCloseTo(2 * CENTRE, 0);
  });

  it("lists people closest first and places no one when the inventory is empty", () => {
    expect(placePeople([person("a", "outer"), person("b", "inner")]).map((placed) => placed.id)).toEqual([
      "b",
      "a",
    ]);
    expect(placePeople([])).toEqual([]);
  });
});

describe("describeCircle", () => {
  it("names everyone by ring, closest first, and says when a ring is empty", () => {
    expect(
      describeCircle("J. D.", [person("a", "outer", "colleague"), person("b", "inner", "partner")]),
    ).toBe(
      "Closeness circle for J. D., from closest to least close. Inner circle: Person b (partner). " +
        "Middle circle: no one. Outer circle: Person a (colleague).",
    );
  });

  it("says when no one has been added", () => {
    expect(describeCircle("J. D.", [])).toBe("Closeness circle for J. D.: no one added yet.");
  });
});

describe("shortLabel", () => {
  it("keeps short names and shortens long ones with an ellipsis", () => {
    expect(shortLabel("Mum")).toBe("Mum");
    expect(shortLabel("Aunt Margaret-Anne")).toBe("Aunt Margaret…");
  });
});
