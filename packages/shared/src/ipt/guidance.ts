// Guidance-panel content: problem areas, dispute stages, the sensitivity modifier, phases and techniques.
// Wording the sources could not confirm is left out (docs/clinical-reference.md §12); what remains cites the
// tags it rests on.
import type { SourceTag } from "./sources";
import type { DisputeStage, Lineage, ProblemArea, SessionPhase, Technique } from "./vocabulary";

export interface GuidanceItem {
  key: string;
  text: string;
  sources: SourceTag[];
}

export interface TechniqueGuidance {
  label: string;
  definition: string;
  /** Short agenda line suggesting the technique. */
  prompt: string;
  sources: SourceTag[];
}

export const techniqueGuidance: Record<Technique, TechniqueGuidance> = {
  nondirective_exploration: {
    label: "Nondirective exploration",
    definition:
      "Open-ended questions and supportive acknowledgement that let the client lead and bring up material.",
    prompt: "Nondirective exploration: open questions that let the client lead.",
    sources: ["S5a", "S1c"],
  },
  direct_elicitation: {
    label: "Direct elicitation",
    definition: "Specific questions to obtain needed information, for example about a relationship or event.",
    prompt: "Direct elicitation: ask specific questions about the relationship or event.",
    sources: ["S5a", "S1c"],
  },
  encouragement_of_affect: {
    label: "Encouragement of affect",
    definition:
      "Helping the client express, understand and manage feelings: accepting painful feelings, using them in " +
      "relationships and bringing out suppressed feelings. Feelings are treated as useful interpersonal signals.",
    prompt: "Encouragement of affect: help the client express and make use of feelings.",
    sources: ["S5a", "S1c"],
  },
  clarification: {
    label: "Clarification",
    definition:
      "Restating or reflecting the client's material to highlight contradictions, assumptions or themes. Best " +
      "used when the therapist has a hypothesis and the client is not overwhelmed by an unrelated feeling.",
    prompt: "Clarification: reflect back contradictions, assumptions or themes.",
    sources: ["S5a"],
  },
  communication_analysis: {
    label: "Communication analysis",
    definition:
      "Step-by-step review of a specific recent interaction (what was said, how, what was meant, what the other " +
      "person understood, feelings) to find communication failures and alternatives. Stuart calls these " +
      "narratives interpersonal incidents.",
    prompt: "Communication analysis: go through a recent interaction step by step.",
    sources: ["S5a", "S19", "S13b"],
  },
  decision_analysis: {
    label: "Decision analysis",
    definition:
      "Identify the interpersonal problem, generate options, weigh the pros and cons of each, choose one to try " +
      "and plan how to carry it out.",
    prompt: "Decision analysis: list options, weigh them and choose one to try.",
    sources: ["S19", "S1c"],
  },
  role_play: {
    label: "Role play",
    definition: "In-session rehearsal of a planned interaction, or of expressing feelings, with feedback.",
    prompt: "Role play: rehearse the planned interaction and give feedback.",
    sources: ["S19", "S1c", "S15a"],
  },
  therapeutic_relationship: {
    label: "Use of the therapeutic relationship",
    definition:
      "The client's way of relating to the therapist is treated as information about patterns elsewhere and " +
      "used for feedback on how the client comes across. Key in disputes and deficits.",
    prompt: "Therapeutic relationship: use how the client relates to you as feedback.",
    sources: ["S1c"],
  },
  directive_techniques: {
    label: "Behaviour-change (directive) techniques",
    definition:
      "Advice, suggestions and limit-setting, used judiciously in the service of interpersonal change.",
    prompt: "Directive techniques: offer advice or suggestions where they help interpersonal change.",
    sources: ["S5a", "S13b"],
  },
  between_session_work: {
    label: "Between-session work",
    definition:
      "In adult IPT the therapist suggests trying new behaviours between sessions, rather than setting formal " +
      "homework. IPT-A uses explicit work-at-home assignments.",
    prompt: "Between-session work: agree what the client will try before the next session.",
    sources: ["S19", "S29f"],
  },
};

export interface LineageVariant {
  label: string;
  definition: string;
  /** Replaces the area's agenda items when the wording must follow the lineage's definition. */
  agendaItems?: GuidanceItem[];
  sources: SourceTag[];
}

export interface AreaGuidance {
  label: string;
  definition: string;
  /** Where a lineage names or defines the area differently. */
  lineageVariants: Partial<Record<Lineage, LineageVariant>>;
  goals: GuidanceItem[];
  strategies: GuidanceItem[];
  techniques: Technique[];
  /** One or two lines placed on every middle-session agenda for this area. */
  agendaItems: GuidanceItem[];
  sources: SourceTag[];
}

export const areaGuidance: Record<ProblemArea, AreaGuidance> = {
  grief: {
    label: "Grief",
    definition:
      "The onset or course of the episode is linked to the death of someone close. Normal grief is not treated " +
      "as illness; the focus is grief that is avoided or postponed (complicated grief).",
    lineageVariants: {
      stuart: {
        label: "Grief and loss",
        definition:
          "The episode is linked to a loss: a death, or another loss such as a miscarriage, divorce or loss of health.",
        agendaItems: [
          {
            key: "middle.area.grief.feelings",
            text: "Grief and loss: explore what was lost, the relationship with it and the feelings about the loss.",
            sources: ["S11a", "S29a"],
          },
          // No source at hand gives the re-engagement step for losses other than a death ([S1b][S15b]
          // speak of a death only), so the Stuart line stops at the loss itself.
        ],
        sources: ["S11a", "S29a"],
      },
    },
    goals: [
      {
        key: "grief.goal.mourning",
        text: "Help the client mourn the loss.",
        sources: ["S1b", "S10a", "S15b"],
      },
      {
        key: "grief.goal.reconnect",
        text: "Help the client re-establish interests and relationships that can, in part, take the place of what was lost.",
        sources: ["S1b", "S10a", "S15b"],
      },
    ],
    // The detailed 1984 strategy list is unconfirmed; these are the core steps the cited summaries support.
    strategies: [
      {
        key: "grief.strategy.onset",
        text: "Relate the onset of symptoms to the death.",
        sources: ["S10a", "S29d"],
      },
      {
        key: "grief.strategy.relationship",
        text: "Talk through the relationship with the person who died, both good and bad sides.",
        sources: ["S10a", "S29d"],
      },
      {
        key: "grief.strategy.feelings",
        text: "Explore feelings about the death, including guilt and anger.",
        sources: ["S1b", "S29d"],
      },
      {
        key: "grief.strategy.new-supports",
        text: "As feelings are expressed, help the client find new supports and ways of being involved with others.",
        sources: ["S1b", "S15b"],
      },
    ],
    techniques: [
      "encouragement_of_affect",
      "nondirective_exploration",
      "clarification",
      "decision_analysis",
      "role_play",
    ],
    agendaItems: [
      {
        key: "middle.area.grief.feelings",
        text: "Grief: explore the relationship with the person who died and the feelings about the death.",
        sources: ["S1b", "S10a", "S29d"],
      },
      {
        key: "middle.area.grief.reconnect",
        text: "Grief: look at new or renewed interests and relationships.",
        sources: ["S1b", "S10a", "S15b"],
      },
    ],
    sources: ["S1b", "S10a", "S15b", "S29d"],
  },
  role_dispute: {
    label: "Role dispute",
    definition:
      "The client and at least one significant other have non-reciprocal expectations about their relationship. " +
      "Depressed clients often avoid confrontation and feel they are losing the battle.",
    lineageVariants: {},
    goals: [
      {
        key: "role_dispute.goal.identify",
        text: "Help the client identify the dispute.",
        sources: ["S2", "S15b"],
      },
      {
        key: "role_dispute.goal.plan",
        text: "Help the client choose a plan of action.",
        sources: ["S2", "S15b"],
      },
      {
        key: "role_dispute.goal.resolve",
        text:
          "Help the client change communication or expectations so the dispute resolves. If it does not, the " +
          "client still learns to communicate feelings in a dispute. The therapist is not committed to any outcome.",
        sources: ["S2", "S15b"],
      },
    ],
    strategies: [
      {
        key: "role_dispute.strategy.stage",
        text: "Stage the dispute: renegotiation, impasse or dissolution. The plan of action depends on the stage.",
        sources: ["S2", "S29b"],
      },
      {
        key: "role_dispute.strategy.expectations",
        text: "Explore the issues, the differences in expectations and values, the options and the resources for change.",
        sources: ["S2", "S15b"],
      },
      {
        key: "role_dispute.strategy.parallels",
        text: "Look for parallels in other relationships.",
        sources: ["S2"],
      },
      {
        key: "role_dispute.strategy.perpetuating",
        text: "Find what keeps the dispute going: demoralisation, poor communication habits or truly irreconcilable differences.",
        sources: ["S2"],
      },
      {
        key: "role_dispute.strategy.arguments",
        text: "Do a detailed communication analysis of recent arguments.",
        sources: ["S2", "S1c"],
      },
    ],
    techniques: [
      "communication_analysis",
      "clarification",
      "decision_analysis",
      "role_play",
      "encouragement_of_affect",
      "therapeutic_relationship",
    ],
    agendaItems: [
      {
        key: "middle.area.role_dispute.arguments",
        text: "Role dispute: go through a recent argument in detail and look at the expectations on each side.",
        sources: ["S2", "S1c"],
      },
    ],
    sources: ["S2", "S15b", "S29b", "S1c"],
  },
  role_transition: {
    label: "Role transition",
    definition:
      "The depression is linked to difficulty coping with a life change, such as a new job, a relationship " +
      "starting or ending, a move, the birth of a child, an illness diagnosis or retirement. The change may be positive.",
    lineageVariants: {},
    // Goal wording is paraphrased: the 1984 tables' exact wording is unconfirmed.
    goals: [
      {
        key: "role_transition.goal.old-role",
        text: "Help the client mourn and come to terms with losing the old role.",
        sources: ["S10a", "S15b"],
      },
      {
        key: "role_transition.goal.new-role",
        text: "Help the client see the new role in a more positive, or more balanced, way.",
        sources: ["S10a", "S15b"],
      },
      {
        key: "role_transition.goal.mastery",
        text: "Restore self-esteem as the client gains mastery of what the new role demands.",
        sources: ["S10a", "S15b"],
      },
    ],
    strategies: [
      {
        key: "role_transition.strategy.onset",
        text: "Relate the symptoms to the life change.",
        sources: ["S10a", "S29a"],
      },
      {
        key: "role_transition.strategy.roles",
        text: "Review the good and bad sides of the old and the new role.",
        sources: ["S10a", "S29a"],
      },
      {
        key: "role_transition.strategy.feelings",
        text: "Explore feelings about what was lost and about the change itself, and judge realistically what was lost.",
        sources: ["S29a", "S29c"],
      },
      {
        key: "role_transition.strategy.opportunities",
        text: "Explore opportunities in the new role; build the social supports and skills it needs.",
        sources: ["S29a", "S29c"],
      },
      {
        key: "role_transition.strategy.reassure",
        text: "Affirm that things should improve as the client adjusts to the change.",
        sources: ["S29c"],
      },
    ],
    techniques: [
      "nondirective_exploration",
      "encouragement_of_affect",
      "decision_analysis",
      "role_play",
      "communication_analysis",
    ],
    agendaItems: [
      {
        key: "middle.area.role_transition.roles",
        text: "Role transition: review the old and new roles and the feelings about the change.",
        sources: ["S10a", "S29a"],
      },
      {
        key: "middle.area.role_transition.new-role",
        text: "Role transition: look at the supports and skills the new role needs.",
        sources: ["S29a", "S29c"],
      },
    ],
    sources: ["S10a", "S15b", "S29a", "S29c"],
  },
  interpersonal_deficits: {
    label: "Interpersonal deficits",
    definition:
      "Chosen only if no other area applies: no death, no dispute, no life change, and few close relationships. " +
      "The client is often chronically isolated and lonely.",
    lineageVariants: {},
    goals: [
      {
        key: "interpersonal_deficits.goal.isolation",
        text: "Help the client become less isolated: build new relationships and strengthen existing ones.",
        sources: ["S3", "S29c"],
      },
    ],
    // The classic strategy list (1984 tables) as the deficits sources summarise it [S3][S29c]; its exact
    // wording is unconfirmed, so it is paraphrased and says so. Role play and the therapeutic
    // relationship are adult IPT techniques [S1c].
    strategies: [
      {
        key: "interpersonal_deficits.strategy.past-relationships",
        text:
          "Review past important relationships, good and bad sides, and look for repeated patterns " +
          "(the classic strategy list; its exact wording is unconfirmed).",
        sources: ["S3", "S29c"],
      },
      {
        key: "interpersonal_deficits.strategy.relationship",
        text: "Use the way the client relates to you as information about patterns elsewhere, and give feedback.",
        sources: ["S3", "S29c", "S1c"],
      },
      {
        key: "interpersonal_deficits.strategy.social-skills",
        text: "Practise social skills in role play, for example starting or renewing a contact.",
        sources: ["S3", "S29c", "S1c"],
      },
      {
        key: "interpersonal_deficits.strategy.alternatives",
        text:
          "Outcomes are poorer for this area: if symptoms do not improve, consider alternatives such as a " +
          "different psychotherapy or adding medication.",
        sources: ["S3"],
      },
    ],
    techniques: ["therapeutic_relationship", "role_play", "communication_analysis"],
    agendaItems: [
      {
        key: "middle.area.interpersonal_deficits.contacts",
        text: "Interpersonal deficits: review contacts since the last session and encourage new or renewed contacts.",
        sources: ["S3", "S29c"],
      },
    ],
    sources: ["S3", "S29c"],
  },
};

/** The area's label, definition and agenda lines as the given lineage uses them. */
export function areaGuidanceFor(
  area: ProblemArea,
  lineage: Lineage,
): { label: string; definition: string; agendaItems: GuidanceItem[] } {
  const guidance = areaGuidance[area];
  const variant = guidance.lineageVariants[lineage];
  return {
    label: variant?.label ?? guidance.label,
    definition: variant?.definition ?? guidance.definition,
    agendaItems: variant?.agendaItems ?? guidance.agendaItems,
  };
}

export interface DisputeStageGuidance {
  label: string;
  description: string;
  therapistTask: string;
  sources: SourceTag[];
}

// The 1984 impasse wording about raising conflict is unconfirmed and left out.
export const disputeStageGuidance: Record<DisputeStage, DisputeStageGuidance> = {
  renegotiation: {
    label: "Renegotiation",
    description:
      "Both parties know they differ and are actively trying, so far without success, to bring about change.",
    therapistTask: "Improve communication and help both parties calm down so that negotiation can succeed.",
    sources: ["S29b", "S29e"],
  },
  impasse: {
    label: "Impasse",
    description: "Discussion has stopped and there is resentment.",
    therapistTask:
      "Bring the dispute back into the open so that discussion and renegotiation can restart, or consider dissolution.",
    sources: ["S29b", "S29e"],
  },
  dissolution: {
    label: "Dissolution",
    description: "The relationship is judged broken beyond repair.",
    therapistTask:
      "Help the client accept and grieve the end of the relationship and become free to move on.",
    sources: ["S29b", "S29e"],
  },
};

export const sensitivityGuidance = {
  label: "Interpersonal sensitivity",
  definition:
    "A lasting attachment and personality style with difficulty forming and keeping close relationships. It is " +
    "not an acute stressor but the baseline style on which one is imposed. In the Stuart & Robertson lineage it " +
    "complicates grief and loss, a dispute or a transition; it is not a focus on its own.",
  goals: [
    {
      key: "sensitivity.goal.relationships",
      text: "Improve current relationships, help the client build new supportive ones and resolve the acute stressor.",
      sources: ["S11c"],
    },
  ] satisfies GuidanceItem[],
  techniques: ["communication_analysis", "role_play"] satisfies Technique[],
  agendaItem: {
    key: "middle.sensitivity",
    text:
      "Interpersonal sensitivity: expect difficulty with close relationships; use recent interpersonal incidents " +
      "to work on current relationships and new supports.",
    sources: ["S11c", "S13b"],
  } satisfies GuidanceItem,
  sources: ["S11c", "S11a", "S29c"] satisfies SourceTag[],
};

export interface PhaseGuidance {
  label: string;
  /** Stuart & Robertson speak of concluding acute treatment rather than termination [S11b]. */
  lineageLabels: Partial<Record<Lineage, string>>;
  sessions: string;
  tasks: GuidanceItem[];
  sources: SourceTag[];
}

export const phaseGuidance: Record<SessionPhase, PhaseGuidance> = {
  initial: {
    label: "Initial phase",
    lineageLabels: {},
    sessions:
      "Sessions 1–3 in this planner (IPT-B: the engagement session and 2 more). Sources vary: 1–3 sessions, or 1–4.",
    tasks: [
      {
        key: "initial.diagnosis",
        text: "Diagnose against DSM or ICD criteria and name the syndrome with the client.",
        sources: ["S7", "S10a"],
      },
      { key: "initial.severity", text: "Review symptoms with a severity scale.", sources: ["S7", "S12b"] },
      {
        key: "initial.psychoeducation",
        text: "Psychoeducation: depression is common and treatable and has a good prognosis.",
        sources: ["S10a", "S14"],
      },
      {
        key: "initial.sick-role",
        text:
          "Give the sick role: the client is excused from some obligations for now and is expected to work at " +
          "recovery. In IPT-A the sick role is limited: the young person still goes to school and takes part.",
        sources: ["S7", "S10a", "S20a"],
      },
      {
        key: "initial.medication",
        text: "Assess the need for medication: severity, past history, past response and preference.",
        sources: ["S7"],
      },
      {
        key: "initial.inventory",
        text:
          "Interpersonal inventory: review important current and past relationships, support, expectations and " +
          "changes near the onset. A closeness circle is used in IPT-A and the Stuart lineage.",
        sources: ["S7", "S10a", "S20e", "S12b"],
      },
      {
        key: "initial.formulation",
        text: "Interpersonal formulation: link the depression to one problem area and get the client's explicit agreement.",
        sources: ["S10a", "S11a"],
      },
      {
        key: "initial.contract",
        text: "Treatment contract: the number, frequency and length of sessions, which sets the time limit.",
        sources: ["S7", "S10a"],
      },
    ],
    sources: ["S1a", "S7", "S9", "S10a", "S21b"],
  },
  middle: {
    label: "Middle phase",
    lineageLabels: {},
    sessions: "From the first session after the initial phase to the session before the ending is raised.",
    tasks: [
      {
        key: "middle.area-work",
        text: "Work on the chosen problem area with its strategies.",
        sources: ["S9"],
      },
      {
        key: "middle.opening",
        text: "Open each session by asking how the client has been since the last session.",
        sources: ["S15a", "S1c"],
      },
      {
        key: "middle.mood-events",
        text: "Link the week's mood to interpersonal events, and events to mood.",
        sources: ["S9"],
      },
      {
        key: "middle.incident",
        text: "Focus on a recent, emotionally charged interpersonal incident: reconstruct it, explore options and role-play.",
        sources: ["S13b", "S1c"],
      },
      {
        key: "middle.time-limit",
        text: "Keep the focus and mention the time limit.",
        sources: ["S9", "S1c"],
      },
    ],
    sources: ["S9", "S15a", "S1c", "S13b"],
  },
  termination: {
    label: "Termination",
    lineageLabels: { stuart: "Conclusion of acute treatment" },
    sessions:
      "From the session where the ending is raised, 2–4 sessions before the last, to the final session.",
    tasks: [
      {
        key: "termination.acknowledge",
        text: "Acknowledge the ending explicitly, at least 2–4 sessions before the last session.",
        sources: ["S4"],
      },
      {
        key: "termination.grieving",
        text:
          "Treat the ending as a time of possible grieving. Explore feelings: sadness, worry, feeling abandoned, " +
          "or that treatment was too short.",
        sources: ["S4", "S16"],
      },
      {
        key: "termination.credit",
        text: "Review progress and credit the client: ask why they are feeling better.",
        sources: ["S4", "S16"],
      },
      {
        key: "termination.competence",
        text: "Build the client's sense of independent competence.",
        sources: ["S4", "S16"],
      },
      {
        key: "termination.relapse",
        text: "Plan for relapse: warning signs and when to return.",
        sources: ["S4", "S11b"],
      },
      {
        key: "termination.non-response",
        text: "If there was no response, offer another effective treatment: the treatment failed, not the client.",
        sources: ["S16"],
      },
      {
        key: "termination.maintenance",
        text:
          "Offer continuation or maintenance treatment under a new contract. Stuart & Robertson advise discussing " +
          "maintenance with every client.",
        sources: ["S4", "S11b"],
      },
    ],
    sources: ["S4", "S16", "S11b"],
  },
  maintenance: {
    label: "Maintenance",
    lineageLabels: {},
    sessions:
      "Every session of a maintenance course: a new contract after the completed acute course, monthly by default " +
      "(6–12 sessions in this planner, a project synthesis).",
    tasks: [
      {
        key: "maintenance.contract",
        text: "Maintenance follows the acute course under a new contract, with its own number and frequency of sessions.",
        sources: ["S1a", "S4", "S11b"],
      },
      {
        key: "maintenance.dosing",
        text: "Trials gave maintenance IPT weekly for 6 months, or monthly for 3 years; it reduced relapse.",
        sources: ["S4", "S27c", "S27d"],
      },
      {
        key: "maintenance.keep-gains",
        text:
          "Project synthesis: keep the gains in the problem area, watch for the early warning signs of the " +
          "relapse-prevention plan and review the plan at each session.",
        sources: ["S4", "S11b"],
      },
      {
        key: "maintenance.measure",
        text:
          "Project synthesis: a PHQ-9 score at every maintenance session, to notice a relapse or recurrence early " +
          "(at monthly sessions this is about the 4-weekly assessment of an IPT trial).",
        sources: ["S12b", "S23a", "S25j"],
      },
    ],
    sources: ["S1a", "S4", "S11b", "S27c"],
  },
};

/** The phase label as the given lineage uses it. */
export function phaseLabelFor(phase: SessionPhase, lineage: Lineage): string {
  const guidance = phaseGuidance[phase];
  return guidance.lineageLabels[lineage] ?? guidance.label;
}
