// Builds one session's agenda from the slot template plus, in the middle phase, the course's problem area.
import { formatPresets } from "./formats";
import {
  areaGuidance,
  areaGuidanceFor,
  disputeStageGuidance,
  sensitivityGuidance,
  techniqueGuidance,
  type GuidanceItem,
} from "./guidance";
import { PlanRuleError } from "./plan-error";
import {
  iptaMiddleParentItem,
  iptaWorkAtHomeItem,
  slotTemplateItems,
  type AgendaItem,
  type AgendaTemplateItem,
  type SessionSlot,
} from "./templates";
import type { CourseFormat, DisputeStage, Lineage, ProblemArea, Technique } from "./vocabulary";

export interface AgendaInput {
  slot: SessionSlot;
  format: CourseFormat;
  lineage: Lineage;
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  /** Stuart lineage only; ignored under Weissman. */
  sensitivity: boolean;
  number: number;
  total: number;
}

/** How many of the area's techniques are suggested on each middle-session agenda. */
const TECHNIQUES_PER_AGENDA = 3;

const areaItem = (item: GuidanceItem): AgendaTemplateItem => ({ ...item, kind: "area_strategy" });

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Staging comes first in dispute work; the plan of action depends on the stage [S2][S29b]. */
function disputeStageItem(stage: DisputeStage | null): AgendaTemplateItem {
  if (stage === null) {
    return {
      key: "middle.area.role_dispute.stage",
      text: "Role dispute: stage the dispute (renegotiation, impasse or dissolution) before choosing a plan of action.",
      kind: "area_strategy",
      sources: ["S2", "S29b"],
    };
  }
  const guidance = disputeStageGuidance[stage];
  return {
    key: `middle.area.role_dispute.stage.${stage}`,
    text: `Role dispute (${guidance.label.toLowerCase()}): ${lowerFirst(guidance.therapistTask)}`,
    kind: "area_strategy",
    sources: guidance.sources,
  };
}

function techniqueItem(technique: Technique): AgendaTemplateItem {
  const guidance = techniqueGuidance[technique];
  return {
    key: `middle.technique.${technique}`,
    text: guidance.prompt,
    kind: "technique",
    sources: guidance.sources,
  };
}

function middleAreaItems(input: AgendaInput, area: ProblemArea): AgendaTemplateItem[] {
  const { agendaItems } = areaGuidanceFor(area, input.lineage);
  const withSensitivity = input.lineage === "stuart" && input.sensitivity;
  const techniques = new Set(areaGuidance[area].techniques.slice(0, TECHNIQUES_PER_AGENDA));
  if (withSensitivity) sensitivityGuidance.techniques.forEach((technique) => techniques.add(technique));
  return [
    ...(area === "role_dispute" ? [disputeStageItem(input.disputeStage)] : []),
    ...agendaItems.map(areaItem),
    ...(withSensitivity ? [areaItem(sensitivityGuidance.agendaItem)] : []),
    ...[...techniques].map(techniqueItem),
    ...(input.format === "ipt_a" ? [iptaWorkAtHomeItem] : []),
  ];
}

/** The agenda for one session, every item not done. */
export function agendaFor(input: AgendaInput): AgendaItem[] {
  const { slot, format, lineage, primaryArea, number } = input;
  if (slot === "engagement" && format !== "ipt_b") {
    throw new PlanRuleError("slot", "Only IPT-B courses have an engagement session.");
  }
  if (slot === "initial-3" && format === "ipt_b") {
    throw new PlanRuleError(
      "slot",
      "IPT-B completes the initial phase in two sessions after the engagement session.",
    );
  }
  const items = slotTemplateItems(slot, format, lineage);
  if (slot === "middle") {
    // IPT-A parents join once in the middle phase; the first middle session is where it is planned [S20c].
    if (format === "ipt_a" && number === formatPresets.ipt_a.initialSessions + 1) {
      items.push(iptaMiddleParentItem);
    }
    if (primaryArea !== null) items.push(...middleAreaItems(input, primaryArea));
  }
  // A group IPT member's middle group sessions carry their own problem area's work (./group).
  if (slot === "group-middle" && primaryArea !== null) items.push(...middleAreaItems(input, primaryArea));
  return items.map((item) => ({ ...item, sources: [...item.sources], done: false }));
}
