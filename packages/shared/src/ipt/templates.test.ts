import { describe, expect, it } from "vitest";
import { formatPresets, lineagePresets, TERMINATION_LEAD, terminationLeadSources } from "./formats";
import {
  areaGuidance,
  areaGuidanceFor,
  disputeStageGuidance,
  phaseGuidance,
  phaseLabelFor,
  sensitivityGuidance,
  techniqueGuidance,
} from "./guidance";
import { nonResponseSuggestions } from "../measures/alerts";
import {
  GAD7_CASENESS_NOTE,
  instrumentDefinitions,
  ITEM9_CAUTION,
  ITEM9_FOLLOW_UP,
} from "../measures/instruments";
import { OUTCOME_CONCEPTS_NOTE, OUTCOME_DEFINITIONS } from "../measures/outcomes";
import { measurementSettingFields } from "../measures/settings";
import { fidelityItems, fidelityPassSources, reviewSampleSources } from "../fidelity/fidelity";
import { supervisionSettingFields } from "../supervision/settings";
import { generatePlan } from "./plan";
import { courseFlags, initialPhaseGaps, problemAreaErrors } from "./rules";
import { sourceTag, sourceTags, TEMPLATE_VERSION } from "./sources";
import {
  agendaItem,
  allSlotTemplateItems,
  iptaMiddleParentItem,
  iptaWorkAtHomeItem,
  sessionSlots,
  slotTemplateItems,
} from "./templates";
import {
  courseFormats,
  disputeStages,
  lineages,
  problemAreas,
  techniques,
  type CourseFormat,
  type Lineage,
} from "./vocabulary";

/** Every generated agenda for every format, lineage, area and stage, plus every rule message. */
function generatedContent(): unknown[] {
  const plans = courseFormats.flatMap((format) =>
    lineages.flatMap((lineage) =>
      [null, ...problemAreas].flatMap((primaryArea) =>
        [null, ...disputeStages].map((disputeStage) =>
          generatePlan({
            format,
            lineage,
            total: formatPresets[format].defaultSessions,
            startDate: "2026-01-05",
            weekday: 1,
            startTime: "09:00",
            durationMinutes: 50,
            frequency: "weekly",
            lead: 2,
            primaryArea,
            disputeStage,
            sensitivity: lineage === "stuart",
          }),
        ),
      ),
    ),
  );
  const rules = [
    initialPhaseGaps({
      workingDiagnosis: null,
      diagnosisNamed: false,
      sickRoleGiven: false,
      inventoryPeople: 0,
      primaryArea: "role_dispute",
      disputeStage: null,
      formulationAgreedOn: null,
      formulation: null,
      contractAgreed: false,
    }),
    courseFlags({
      format: "standard",
      coursePhase: "initial",
      total: 12,
      lead: 2,
      heldNumbers: [3, 10],
      nextPlannedNumber: 11,
      terminationRaised: false,
      lineage: "weissman",
      primaryArea: "interpersonal_deficits",
      secondaryArea: "grief",
      disputeStage: null,
      sensitivity: false,
      lifeEventKinds: ["dispute"],
    }),
    problemAreaErrors({
      lineage: "stuart",
      primaryArea: "interpersonal_deficits",
      secondaryArea: "interpersonal_deficits",
      disputeStage: "impasse",
      sensitivity: true,
    }),
  ];
  return [plans, rules];
}

const staticContent = {
  formatPresets,
  lineagePresets,
  terminationLeadSources,
  areaGuidance,
  disputeStageGuidance,
  sensitivityGuidance,
  phaseGuidance,
  techniqueGuidance,
  slotItems: allSlotTemplateItems(),
  iptaMiddleParentItem,
  iptaWorkAtHomeItem,
  // Measurement-based care (../measures): instruments, notes, outcome definitions, settings.
  instrumentDefinitions,
  notes: [ITEM9_CAUTION, ITEM9_FOLLOW_UP, GAD7_CASENESS_NOTE, OUTCOME_CONCEPTS_NOTE],
  OUTCOME_DEFINITIONS,
  nonResponseSuggestions,
  measurementSettingFields,
  // Supervision (../supervision): fidelity items, the pass mark and the review sample.
  fidelityItems,
  fidelityPass: { sources: fidelityPassSources },
  reviewSample: { sources: reviewSampleSources },
  supervisionSettingFields,
};

/** All strings anywhere in the value, and all arrays held under a `sources` key. */
function walk(value: unknown, found = { texts: [] as string[], sourceLists: [] as unknown[][] }) {
  if (typeof value === "string") found.texts.push(value);
  else if (Array.isArray(value)) value.forEach((entry) => walk(entry, found));
  else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      if (key === "sources" && Array.isArray(entry)) found.sourceLists.push(entry);
      walk(entry, found);
    }
  }
  return found;
}

const content = walk([staticContent, generatedContent()]);

describe("sources", () => {
  it("has the template version", () => {
    expect(TEMPLATE_VERSION).toBe("2026.12-1");
  });

  it("cites only tags from the source key, and every item cites at least one", () => {
    expect(content.sourceLists.length).toBeGreaterThan(100);
    for (const list of content.sourceLists) {
      expect(list.length).toBeGreaterThan(0);
      for (const tag of list) expect(Object.keys(sourceTags), String(tag)).toContain(tag);
    }
  });

  it("lists no tag that nothing cites", () => {
    const used = new Set(content.sourceLists.flat());
    expect(Object.keys(sourceTags).filter((tag) => !used.has(tag))).toEqual([]);
  });

  it("has an enum matching the record and a citation with a year or n.d. for each tag", () => {
    expect([...sourceTag.options].sort()).toEqual(Object.keys(sourceTags).sort());
    for (const citation of Object.values(sourceTags)) expect(citation).toMatch(/(19|20)\d\d|n\.d\./);
    expect(sourceTags.S4).toMatch(/Comprehensive Guide to Interpersonal Psychotherapy, 2000/);
  });
});

describe("unconfirmed content stays out", () => {
  // Unconfirmed wording and claims that must not appear (docs/clinical-reference.md §12).
  const forbidden = [
    /disharmony/i,
    /timeline technique/i,
    /adjunctive/i,
    /professional mourner/i,
    // The 1984 tables' own wording; the paraphrases below are restored with their sources.
    /repetitive patterns/i,
    /reduce social isolation/i,
    /mourn and accept the loss of the old role/i,
    /1[–-]4 \/ 5[–-]8 \/ 9[–-]12/,
    /end \(3 sessions\)/i,
    /beginning 1[–-]3 sessions/i,
    // HAM-D-17 is now an instrument (issue 4); its unconfirmed range and bands are labelled as such.
    /CSPRS|Quality (&|and) Adherence/i,
    /81 RCTs|Holloway|Khan/i,
    /single-parent/i,
  ];

  it.each(forbidden)("no template, guidance or rule text matches %s", (pattern) => {
    expect(content.texts.filter((text) => pattern.test(text))).toEqual([]);
  });

  it.each([
    {
      key: "interpersonal_deficits.strategy.past-relationships",
      text: /look for repeated patterns/,
      sources: ["S3", "S29c"],
    },
    {
      key: "interpersonal_deficits.strategy.social-skills",
      text: /Practise social skills in role play/,
      sources: ["S3", "S29c", "S1c"],
    },
  ])("restores the deficits strategy $key with the deficits sources [S3][S29c]", ({ key, text, sources }) => {
    const strategy = areaGuidance.interpersonal_deficits.strategies.find((s) => s.key === key);
    expect(strategy?.text).toMatch(text);
    expect(strategy?.sources).toEqual(sources);
  });

  it("cites no IPT-A source for adult deficits work, and no death-only source on Stuart's grief-and-loss line", () => {
    const deficits = areaGuidance.interpersonal_deficits;
    expect([...deficits.strategies, ...deficits.agendaItems].flatMap((item) => item.sources)).not.toContain(
      "S19",
    );
    const stuart = areaGuidance.grief.lineageVariants.stuart?.agendaItems ?? [];
    expect(stuart.flatMap((item) => item.sources).filter((tag) => tag === "S1b" || tag === "S15b")).toEqual(
      [],
    );
  });

  it("cites the measurement sources on the final rating [S12b][S18] and the deficits sources on the contacts line [S3][S29c]", () => {
    for (const lineage of lineages) {
      const final = slotTemplateItems("final", "standard", lineage).find(
        (item) => item.key === "final.final-rating",
      );
      expect(final?.sources).toEqual(["S12b", "S18"]);
    }
    const contacts = areaGuidance.interpersonal_deficits.agendaItems.find(
      (item) => item.key === "middle.area.interpersonal_deficits.contacts",
    );
    expect(contacts).toMatchObject({ text: /encourage new or renewed contacts/, sources: ["S3", "S29c"] });
  });

  it("checks a substantial body of text", () => {
    expect(content.texts.length).toBeGreaterThan(500);
  });

  it("does not name 'timeline' as a technique", () => {
    expect(Object.values(techniqueGuidance).map((t) => t.label.toLowerCase())).not.toContain("timeline");
  });
});

describe("format and lineage presets", () => {
  it("sets the standard, IPT-B and IPT-A bounds", () => {
    expect(formatPresets.standard).toMatchObject({
      minSessions: 12,
      maxSessions: 16,
      defaultSessions: 12,
      initialSessions: 3,
      engagementSession: false,
      minSessionMinutes: 45,
      maxSessionMinutes: 50,
      defaultSessionMinutes: 50,
    });
    expect(formatPresets.ipt_b).toMatchObject({
      minSessions: 9,
      maxSessions: 9,
      defaultSessions: 9,
      initialSessions: 3,
      engagementSession: true,
    });
    expect(formatPresets.ipt_a).toMatchObject({
      minSessions: 12,
      maxSessions: 16,
      defaultSessions: 12,
      minSessionMinutes: 35,
      maxSessionMinutes: 50,
      defaultSessionMinutes: 45,
    });
    expect(formatPresets.ipt_a.note).toMatch(/do not confirm how IPT-A sessions split into phases/);
    expect(TERMINATION_LEAD).toEqual({ min: 2, max: 4, default: 2 });
  });

  it("gives Weissman four areas and Stuart three plus the sensitivity modifier", () => {
    expect(lineagePresets.weissman.problemAreas).toEqual([...problemAreas]);
    expect(lineagePresets.stuart.problemAreas).toEqual(["grief", "role_dispute", "role_transition"]);
    expect([lineagePresets.weissman.sensitivityModifier, lineagePresets.stuart.sensitivityModifier]).toEqual([
      false,
      true,
    ]);
  });
});

describe("guidance", () => {
  it("names grief by lineage", () => {
    expect(areaGuidanceFor("grief", "weissman").label).toBe("Grief");
    expect(areaGuidanceFor("grief", "stuart").label).toBe("Grief and loss");
    expect(areaGuidance.grief.lineageVariants.stuart?.sources).toEqual(["S11a", "S29a"]);
    expect(
      areaGuidanceFor("grief", "stuart")
        .agendaItems.map((item) => item.text)
        .join(" "),
    ).not.toMatch(/died/);
  });

  it("names termination by lineage", () => {
    expect(phaseLabelFor("termination", "weissman")).toBe("Termination");
    expect(phaseLabelFor("termination", "stuart")).toBe("Conclusion of acute treatment");
  });

  it("gives each dispute stage a task, impasse without raising conflict", () => {
    expect(Object.keys(disputeStageGuidance)).toEqual([...disputeStages]);
    expect(disputeStageGuidance.impasse.therapistTask).toBe(
      "Bring the dispute back into the open so that discussion and renegotiation can restart, or consider dissolution.",
    );
    for (const stage of disputeStages) expect(disputeStageGuidance[stage].sources).toEqual(["S29b", "S29e"]);
  });

  it("covers every technique, and areas suggest only known techniques", () => {
    expect(Object.keys(techniqueGuidance).sort()).toEqual([...techniques].sort());
    for (const area of problemAreas) {
      expect(areaGuidance[area].goals.length).toBeGreaterThan(0);
      expect(areaGuidance[area].strategies.length).toBeGreaterThan(0);
      for (const technique of areaGuidance[area].techniques) expect(techniques).toContain(technique);
    }
    expect(sensitivityGuidance.sources).toContain("S11c");
  });

  it("keeps the poorer deficits outcome as guidance, citing S3", () => {
    const alternatives = areaGuidance.interpersonal_deficits.strategies.find((s) =>
      s.key.endsWith("alternatives"),
    );
    expect(alternatives?.sources).toEqual(["S3"]);
    expect(alternatives?.text).toMatch(/different psychotherapy or adding medication/);
  });

  it("has phase tasks for all three phases", () => {
    expect(phaseGuidance.initial.tasks.map((t) => t.key)).toContain("initial.formulation");
    expect(phaseGuidance.middle.tasks.map((t) => t.key)).toContain("middle.incident");
    expect(phaseGuidance.termination.tasks.map((t) => t.key)).toContain("termination.acknowledge");
  });
});

describe("slot templates", () => {
  const combos: [CourseFormat, Lineage][] = courseFormats.flatMap((format) =>
    lineages.map((lineage): [CourseFormat, Lineage] => [format, lineage]),
  );

  it.each(combos)("gives %s / %s unique, valid keys prefixed with the slot", (format, lineage) => {
    for (const slot of sessionSlots) {
      const items = slotTemplateItems(slot, format, lineage);
      expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
      for (const item of items) {
        expect(item.key.startsWith(`${slot}.`)).toBe(true);
        expect(agendaItem.safeParse({ ...item, done: false }).success).toBe(true);
      }
    }
  });

  it("gives the final session a maintenance or referral decision in both lineages", () => {
    for (const lineage of lineages) {
      const keys = slotTemplateItems("final", "standard", lineage).map((item) => item.key);
      expect(keys).toEqual(["final.final-rating", "final.summary", "final.relapse-plan", "final.next-step"]);
    }
  });

  it("rejects agenda items that break the wire limits", () => {
    const item = { key: "custom.1", text: "Talk about the move", kind: "custom", sources: [], done: false };
    expect(agendaItem.safeParse(item).success).toBe(true);
    expect(agendaItem.safeParse({ ...item, text: "   " }).success).toBe(false);
    expect(agendaItem.safeParse({ ...item, text: "x".repeat(501) }).success).toBe(false);
    expect(agendaItem.safeParse({ ...item, key: "k".repeat(121) }).success).toBe(false);
    expect(agendaItem.safeParse({ ...item, kind: "other" }).success).toBe(false);
    expect(agendaItem.safeParse({ ...item, sources: Array(11).fill("S1a") }).success).toBe(false);
    expect(agendaItem.parse({ ...item, text: "  trimmed  " }).text).toBe("trimmed");
  });
});
