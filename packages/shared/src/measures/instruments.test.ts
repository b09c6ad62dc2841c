import { describe, expect, it } from "vitest";
import { sourceTags } from "../ipt/sources";
import { nonResponseSuggestions } from "./alerts";
import {
  GAD7_CASENESS_NOTE,
  ITEM9_CAUTION,
  ITEM9_FOLLOW_UP,
  PHQ9_RISK_ITEM,
  PHQ_ATTRIBUTION,
  instrumentDefinitions,
} from "./instruments";
import { OUTCOME_DEFINITIONS } from "./outcomes";
import { measurementSettingFields } from "./settings";
import { ITEM_COUNTS, difficultyLevels, instruments } from "./vocabulary";

const allText = JSON.stringify([
  instrumentDefinitions,
  ITEM9_CAUTION,
  ITEM9_FOLLOW_UP,
  GAD7_CASENESS_NOTE,
  OUTCOME_DEFINITIONS,
  nonResponseSuggestions,
]);

describe("instrumentDefinitions", () => {
  it("defines every instrument under its own id", () => {
    for (const id of instruments) expect(instrumentDefinitions[id].id).toBe(id);
    expect(Object.keys(instrumentDefinitions).sort()).toEqual([...instruments].sort());
  });

  it.each([
    ["phq9", "PHQ-9", 0, 27, "44261-6"],
    ["gad7", "GAD-7", 0, 21, "70274-6"],
    ["hamd17", "HAM-D-17", 0, 52, null],
  ] as const)("%s is %s with range %i–%i and total code %s", (id, name, min, max, loinc) => {
    const definition = instrumentDefinitions[id];
    expect(definition.name).toBe(name);
    expect([definition.min, definition.max]).toEqual([min, max]);
    expect(definition.loincTotal).toBe(loinc);
  });

  it("has as many items as ITEM_COUNTS, numbered 1..n, and the maximum is 3 per item", () => {
    for (const id of ["phq9", "gad7"] as const) {
      const definition = instrumentDefinitions[id];
      expect(definition.entry).toBe("items");
      expect(definition.items.map((item) => item.number)).toEqual(
        Array.from({ length: ITEM_COUNTS[id] }, (_, index) => index + 1),
      );
      expect(definition.max).toBe(3 * ITEM_COUNTS[id]);
    }
  });

  it("keeps the HAM-D-17 a clinician-entered total with a note on its range", () => {
    const hamd = instrumentDefinitions.hamd17;
    expect(hamd.entry).toBe("total");
    expect(hamd.items).toEqual([]);
    expect(hamd.stem).toBeNull();
    expect(hamd.difficulty).toBeNull();
    expect(hamd.rangeNote).toMatch(/varies by source/);
    expect(hamd.bandsNote).toMatch(/not standardised/);
  });

  it("uses the exact stems", () => {
    expect(instrumentDefinitions.phq9.stem).toBe(
      "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    );
    expect(instrumentDefinitions.gad7.stem).toBe(
      "Over the last 2 weeks, how often have you been bothered by the following problems?",
    );
  });

  it("uses the Pfizer-form PHQ-9 item texts and LOINC codes", () => {
    const items = instrumentDefinitions.phq9.items;
    expect(items[0]).toEqual({
      number: 1,
      text: "Little interest or pleasure in doing things",
      loinc: "44250-9",
    });
    expect(items[5]?.text).toBe(
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    );
    expect(items[7]?.text).toBe(
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or " +
        "restless that you have been moving around a lot more than usual",
    );
    expect(items[8]).toEqual({
      number: PHQ9_RISK_ITEM,
      text: "Thoughts that you would be better off dead or of hurting yourself in some way",
      loinc: "44260-8",
    });
    expect(items.map((item) => item.loinc)).toEqual([
      "44250-9",
      "44255-8",
      "44259-0",
      "44254-1",
      "44251-7",
      "44258-2",
      "44252-5",
      "44253-3",
      "44260-8",
    ]);
    for (const item of items) expect(item.text).not.toMatch(/\[Reported|in last 2 weeks/);
  });

  it("uses the Pfizer-form GAD-7 item texts", () => {
    expect(instrumentDefinitions.gad7.items.map((item) => item.text)).toEqual([
      "Feeling nervous, anxious or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid as if something awful might happen",
    ]);
  });

  it('offers the four answers scored 0–3, and GAD-7\'s lowest is exactly "Not at all"', () => {
    const labels = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
    for (const id of ["phq9", "gad7"] as const) {
      const options = instrumentDefinitions[id].answerOptions;
      expect(options.map((option) => option.value)).toEqual([0, 1, 2, 3]);
      expect(options.map((option) => option.label)).toEqual(labels);
    }
    expect(instrumentDefinitions.gad7.answerOptions[0]?.label).toBe("Not at all");
    expect(allText).not.toMatch(/Not at all sure/i);
    expect(instrumentDefinitions.phq9.answerOptions.map((option) => option.loinc)).toEqual([
      "LA6568-5",
      "LA6569-3",
      "LA6570-1",
      "LA6571-9",
    ]);
  });

  it("has the unscored difficulty question with the four levels", () => {
    const phq = instrumentDefinitions.phq9.difficulty;
    const gad = instrumentDefinitions.gad7.difficulty;
    expect(phq?.text).toBe(
      "If you checked off any problems, how difficult have these problems made it for you to do your work, " +
        "take care of things at home, or get along with other people?",
    );
    expect(phq?.loinc).toBe("69722-7");
    expect(gad?.text).toBe(
      "If you checked off any problems, how difficult have these made it for you to do your work, take care " +
        "of things at home, or get along with other people?",
    );
    for (const question of [phq, gad]) {
      expect(question?.options.map((option) => option.level)).toEqual([...difficultyLevels]);
      expect(question?.options.map((option) => option.label)).toEqual([
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
      ]);
    }
  });

  it("shows the Pfizer attribution line verbatim on PHQ-9 and GAD-7 only", () => {
    expect(PHQ_ATTRIBUTION).toBe(
      "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational " +
        "grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    );
    expect(instrumentDefinitions.phq9.attribution).toBe(PHQ_ATTRIBUTION);
    expect(instrumentDefinitions.gad7.attribution).toBe(PHQ_ATTRIBUTION);
    expect(instrumentDefinitions.hamd17.attribution).toBeNull();
  });

  it.each(instruments)("%s bands cover the whole range without gaps or overlaps, with unique keys", (id) => {
    const { bands, min, max } = instrumentDefinitions[id];
    expect(bands[0]?.min).toBe(min);
    expect(bands.at(-1)?.max).toBe(max);
    bands.slice(1).forEach((band, index) => expect(band.min).toBe((bands[index]?.max ?? NaN) + 1));
    expect(new Set(bands.map((band) => band.key)).size).toBe(bands.length);
  });
});

describe("safety and caseness notes", () => {
  it("warns that item 9 = 0 does not rule out risk, with the VA figure", () => {
    expect(ITEM9_CAUTION.text).toContain("does not rule out");
    expect(ITEM9_CAUTION.text).toContain("71.6%");
    expect(ITEM9_CAUTION.sources).toEqual(["S25l", "S25m"]);
    expect(ITEM9_FOLLOW_UP.text).toContain("above 0");
    expect(ITEM9_FOLLOW_UP.sources).toContain("S25l");
  });

  it("keeps GAD-7 NHS TT caseness (8) apart from the screening cut-off (10)", () => {
    expect(GAD7_CASENESS_NOTE.text).toMatch(/NHS Talking Therapies caseness is a score of 8 or more/);
    expect(GAD7_CASENESS_NOTE.text).toMatch(/screening cut-off of 10/);
  });
});

describe("licensing and sources", () => {
  it("holds no EPDS or BDI-II text", () => {
    for (const pattern of [
      /EPDS/i,
      /Edinburgh/i,
      /postnatal/i,
      /BDI/i,
      /Beck/i,
      /able to laugh/i,
      /harming myself/i,
      /Pessimism/i,
      /Loss of pleasure/i,
    ]) {
      expect(allText).not.toMatch(pattern);
    }
  });

  it("cites only known source tags", () => {
    const cited = [
      ...Object.values(instrumentDefinitions).flatMap((d) => [...d.sources, ...d.bandSources]),
      ...[ITEM9_CAUTION, ITEM9_FOLLOW_UP, GAD7_CASENESS_NOTE, ...nonResponseSuggestions].flatMap(
        (n) => n.sources,
      ),
      ...Object.values(OUTCOME_DEFINITIONS).flatMap((d) => d.sources),
      ...measurementSettingFields.flatMap((field) => field.sources),
    ];
    expect(cited.length).toBeGreaterThan(0);
    for (const tag of cited) expect(Object.keys(sourceTags)).toContain(tag);
    for (const definition of Object.values(instrumentDefinitions)) {
      expect(definition.sources.length).toBeGreaterThan(0);
      expect(definition.bandSources.length).toBeGreaterThan(0);
    }
  });
});
