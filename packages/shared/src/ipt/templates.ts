// Session agenda templates by slot (TEMPLATE_VERSION in ./sources). The per-session layout is a synthesis
// (docs/clinical-reference.md §1): no source gives a verbatim session-by-session schedule for standard adult
// IPT.
import { z } from "zod";
import type { SourceTag } from "./sources";
import { agendaItemKind, type AgendaItemKind, type CourseFormat, type Lineage } from "./vocabulary";

export const sessionSlots = [
  "engagement",
  "initial-1",
  "initial-2",
  "initial-3",
  "middle",
  "raise-ending",
  "termination",
  "final",
  "maintenance",
  "maintenance-final",
  "group-pre",
  "group-initial",
  "group-middle",
  "group-mid",
  "group-final",
  "group-closing",
] as const;
export const sessionSlot = z.enum(sessionSlots);
export type SessionSlot = z.infer<typeof sessionSlot>;

export const agendaItem = z.object({
  key: z.string().min(1).max(120),
  text: z.string().trim().min(1).max(500),
  kind: agendaItemKind,
  sources: z.array(z.string().max(20)).max(10),
  done: z.boolean(),
});
export type AgendaItem = z.infer<typeof agendaItem>;

export interface AgendaTemplateItem {
  /** Stable id, `<slot>.<name>`, so stored agendas can be matched to the template. */
  key: string;
  text: string;
  kind: AgendaItemKind;
  sources: SourceTag[];
}

interface TemplateContext {
  format: CourseFormat;
  lineage: Lineage;
}

interface SlotTemplateItem extends AgendaTemplateItem {
  /** Left out when it returns false; absent means every format and lineage. */
  appliesTo?: (context: TemplateContext) => boolean;
}

const task = (
  key: string,
  text: string,
  sources: SourceTag[],
  appliesTo?: (context: TemplateContext) => boolean,
): SlotTemplateItem => ({ key, text, kind: "phase_task", sources, ...(appliesTo ? { appliesTo } : {}) });

const formatIs =
  (...formats: CourseFormat[]) =>
  (context: TemplateContext) =>
    formats.includes(context.format);
const formatIsNot =
  (...formats: CourseFormat[]) =>
  (context: TemplateContext) =>
    !formats.includes(context.format);
// The closeness circle belongs to IPT-A and the Stuart lineage [S20e][S12b].
const usesClosenessCircle = (context: TemplateContext) =>
  context.format === "ipt_a" || context.lineage === "stuart";

const sinceLastSession = task("since-last", "Ask how things have been since the last session.", [
  "S15a",
  "S1c",
]);

// Session 1 content, shared by standard/IPT-A initial-1 and IPT-B initial-1 (which also starts the inventory).
const firstAssessment: SlotTemplateItem[] = [
  task("symptom-review", "Review symptoms and record a baseline rating-scale score.", ["S7", "S12b"]),
  task("diagnosis", "Name the diagnosis with the client.", ["S7", "S10a"]),
  task("psychoeducation", "Psychoeducation: depression is common and treatable and has a good prognosis.", [
    "S10a",
    "S14",
  ]),
  task(
    "sick-role",
    "Give the sick role: the client is excused from some obligations for now and is expected to work at recovery.",
    ["S7", "S10a"],
    formatIsNot("ipt_a"),
  ),
  task(
    "sick-role",
    "Give a limited sick role: the young person is still expected to go to school and take part in usual activities.",
    ["S20a"],
    formatIs("ipt_a"),
  ),
  task(
    "risk",
    "Assess suicide risk; follow up any positive answer on the self-harm item. A negative answer does not rule out risk.",
    ["S25l", "S25m"],
  ),
  task(
    "suitability",
    "Check fit: standard IPT was developed for ambulatory, non-bipolar, non-psychotic major depression.",
    ["S6"],
    formatIsNot("ipt_a"),
  ),
  task(
    "suitability",
    "Check fit: IPT-A is not indicated for adolescents who are acutely suicidal or homicidal, psychotic, bipolar, " +
      "intellectually disabled or actively abusing substances.",
    ["S10c", "S20a", "S20b"],
    formatIs("ipt_a"),
  ),
  task(
    "medication",
    "Consider the need for medication: severity, past episodes, past response and preference.",
    ["S7"],
  ),
  task("time-limit", "Introduce the time limit: the number of sessions in the course.", ["S10a", "S6"]),
  task("onset-events", "Start a list of life events and relationship changes around the onset.", [
    "S7",
    "S9",
  ]),
  task(
    "parent",
    "Parent involvement: give the parent(s) information and education about depression and IPT-A.",
    ["S20c"],
    formatIs("ipt_a"),
  ),
];

const inventory = task(
  "inventory",
  "Interpersonal inventory: review important current and past relationships, support and expectations.",
  ["S7", "S10a"],
);
const closenessCircle = task(
  "closeness-circle",
  "Closeness circle: place the important people by how close they are to the client.",
  ["S20e", "S12b"],
  usesClosenessCircle,
);
const formulation = task(
  "formulation",
  "Interpersonal formulation: link the depression to one problem area.",
  ["S10a", "S11a"],
);
const agreement = task("agreement", "Get the client's explicit agreement to the formulation.", [
  "S7",
  "S10a",
]);
const contract = task(
  "contract",
  "Agree the treatment contract: dates, number, frequency and length of sessions, and what happens after a missed session.",
  ["S7", "S10a"],
);

const slotTemplates: Record<SessionSlot, SlotTemplateItem[]> = {
  engagement: [
    task(
      "motivation",
      "Engagement session: use a motivational-interviewing approach to build commitment to the brief course.",
      ["S21a", "S21b"],
    ),
    task(
      "barriers",
      "Explore practical, psychological and cultural barriers to attending, and plan around them.",
      ["S23c"],
    ),
    task("brief-format", "Explain the format: 8 IPT sessions follow this engagement session.", [
      "S21a",
      "S21b",
    ]),
  ],
  "initial-1": [
    ...firstAssessment,
    task(
      "inventory-start",
      "Begin the interpersonal inventory: who matters most now, and what changed near the onset.",
      ["S7", "S21b"],
      formatIs("ipt_b"),
    ),
    { ...closenessCircle, appliesTo: (c) => c.format === "ipt_b" && c.lineage === "stuart" },
  ],
  "initial-2": [
    // Standard and IPT-A: the inventory session.
    { ...inventory, appliesTo: formatIsNot("ipt_b") },
    { ...closenessCircle, appliesTo: (c) => c.format !== "ipt_b" && usesClosenessCircle(c) },
    task(
      "onset-changes",
      "Note changes in relationships around the onset.",
      ["S7", "S9"],
      formatIsNot("ipt_b"),
    ),
    task(
      "repeat-rating",
      "Repeat the rating scale if your clinic measures at every session.",
      ["S12b", "S18"],
      formatIsNot("ipt_b"),
    ),
    // IPT-B completes the initial phase in this second session [S21b].
    task("inventory-complete", "Complete the interpersonal inventory.", ["S7", "S21b"], formatIs("ipt_b")),
    {
      ...formulation,
      text: "Interpersonal formulation: link the depression to one manageable problem area, building on strengths.",
      sources: ["S21a", "S21b", "S10a"],
      appliesTo: formatIs("ipt_b"),
    },
    { ...agreement, appliesTo: formatIs("ipt_b") },
    { ...contract, appliesTo: formatIs("ipt_b") },
  ],
  "initial-3": [
    formulation,
    agreement,
    contract,
    task("start-focus", "Start work on the agreed problem area.", ["S1a", "S9"]),
  ],
  // Middle-session area and technique items are added per course in ./plan (agendaFor).
  middle: [
    sinceLastSession,
    task("mood-events", "Link this week's mood to interpersonal events, and events to mood.", ["S9"]),
    task(
      "incident",
      "Work on a recent, emotionally charged interpersonal incident: reconstruct it and explore options.",
      ["S13b", "S1c"],
    ),
    task("sessions-left", "Remind the client how many sessions are left.", ["S1c"]),
  ],
  "raise-ending": [
    sinceLastSession,
    task(
      "raise",
      "Raise the ending explicitly: say how many sessions are left and the date of the last one.",
      ["S4"],
      (c) => c.lineage === "weissman",
    ),
    task(
      "raise",
      "Raise the conclusion of acute treatment explicitly: say how many sessions are left and the date of the last one.",
      ["S4", "S11b"],
      (c) => c.lineage === "stuart",
    ),
    task("feelings", "Invite feelings about ending; the ending can be a time of grieving.", ["S4", "S16"]),
    task("continue-focus", "Keep working on the problem area in the sessions left.", ["S9", "S1c"]),
  ],
  termination: [
    sinceLastSession,
    task(
      "review-gains",
      "Review progress and credit the client: ask what they did that helped them feel better.",
      ["S4", "S16"],
    ),
    task("competence", "Build the client's sense of independent competence.", ["S4", "S16"]),
    task(
      "feelings",
      "Explore feelings about ending: sadness, worry, feeling abandoned, or that treatment was too short.",
      ["S4", "S16"],
    ),
    task("warning-signs", "Identify early warning signs of relapse and when to come back.", ["S4", "S11b"]),
  ],
  final: [
    // Measuring at intake and every 4 sessions [S12b]; a termination case compares the last score with
    // the first [S18]. A final-session score is IPT.md §4a's synthesis, not a published standard.
    task(
      "final-rating",
      "Record a final rating-scale score and compare it with the baseline (the course is completed with one, or with the reason none was obtained).",
      ["S12b", "S18"],
    ),
    task("summary", "Summarise the course: the problem area, what changed and what the client did.", [
      "S4",
      "S16",
    ]),
    task("relapse-plan", "Agree a relapse-prevention plan: warning signs, what to do, and when to return.", [
      "S4",
      "S11b",
    ]),
    task(
      "next-step",
      "Decide the next step: maintenance under a new contract, or, if there was no response, referral to another " +
        "effective treatment (the treatment failed, not the client).",
      ["S4", "S16", "S11b"],
      (c) => c.lineage === "weissman",
    ),
    task(
      "next-step",
      "Discuss maintenance treatment with the client; it needs a new contract. If there was no response, offer " +
        "another effective treatment (the treatment failed, not the client).",
      ["S11b", "S16", "S4"],
      (c) => c.lineage === "stuart",
    ),
    task(
      "parent",
      "Parent involvement: review progress with the parent(s) and how to keep the changes going.",
      ["S20c"],
      formatIs("ipt_a"),
    ),
  ],
  // A maintenance course's sessions (./maintenance). **Project synthesis**: the sources give maintenance's
  // contract and dosing [S1a][S4][S27c], not a session outline; these lines carry the termination phase's
  // relapse planning [S4][S11b] forward, and a score at every session (see maintenanceMeasurementPoints).
  maintenance: [
    sinceLastSession,
    task(
      "symptom-check",
      "Record a PHQ-9 score and compare it with the end of the acute course: look for a return of symptoms.",
      ["S12b", "S25j"],
    ),
    task(
      "keep-gains",
      "Keep the gains in the problem area: review how the client is handling it now and what keeps the changes going.",
      ["S1a", "S4", "S11b"],
    ),
    task(
      "warning-signs",
      "Watch for the early warning signs written in the relapse-prevention plan; if any has appeared, act on the plan.",
      ["S4", "S11b"],
    ),
    task(
      "relapse-plan",
      "Review the relapse-prevention plan with the client: is it still right, and do they know when to come back?",
      ["S4", "S11b"],
    ),
  ],
  "maintenance-final": [
    sinceLastSession,
    task("final-rating", "Record a final PHQ-9 score and compare it with the end of the acute course.", [
      "S12b",
      "S25j",
    ]),
    task(
      "review",
      "Review the maintenance period: the gains kept in the problem area and any warning signs that appeared.",
      ["S4", "S11b"],
    ),
    task(
      "relapse-plan",
      "Update the relapse-prevention plan: warning signs, what to do, and when to come back.",
      ["S4", "S11b"],
    ),
    task(
      "next-step",
      "Decide the next step: end maintenance, agree a further maintenance contract, or refer if symptoms have returned.",
      ["S1a", "S4", "S11b"],
    ),
  ],
  // Group IPT (./group, docs/decisions/027). The WHO group structure as implemented in Ethiopia [S22d]:
  // a pre-group individual session with a PHQ-9-guided symptom inventory; group session 1 initial;
  // sessions 2 to N−1 middle (each person's symptoms, linked to the week's events, group problem solving,
  // decision analysis, homework); the last group session termination (symptoms evaluated, relapse plan,
  // referral if symptoms persist). The closing individual meeting follows IPT-G's post-treatment individual
  // meeting [S17a][S17c]: a **project synthesis** for the WHO format, which the sources at hand do not
  // give one.
  "group-pre": [
    task(
      "symptom-inventory",
      "Pre-group individual meeting: go through the member's symptoms with a PHQ-9 and record a baseline score.",
      ["S22d", "S12b"],
    ),
    task(
      "risk",
      "Assess suicide risk; follow up any positive answer on the self-harm item. A negative answer does not rule out risk.",
      ["S25l", "S25m"],
    ),
    task(
      "problem-area",
      "Identify the member's problem area (grief, a dispute, a life change, or loneliness and isolation) and link it to the depression.",
      ["S22a", "S22d", "S17a"],
    ),
    task(
      "contract",
      "Agree the group contract: the number of group sessions, their day and time, and what the member will work on.",
      ["S17a", "S10a"],
    ),
  ],
  "group-initial": [
    task(
      "time-limit",
      "Introduce the members and the time limit: the number of group sessions and the date of the last one.",
      ["S22d", "S10a"],
    ),
    task("psychoeducation", "Psychoeducation for the group: depression is common and treatable.", [
      "S10a",
      "S14",
    ]),
    task(
      "member-areas",
      "Each member says which problem area they will work on and what they want to change.",
      ["S22d", "S17a"],
    ),
  ],
  "group-middle": [
    task("symptoms", "Review each member's symptoms since the last group session.", ["S22d"]),
    task("mood-events", "Link each member's mood to the week's interpersonal events.", ["S22d", "S9"]),
    task("problem-solving", "Group problem solving: members help each other with their problem areas.", [
      "S22d",
    ]),
    task(
      "decision-analysis",
      "Decision analysis: explore the options for a member's problem and choose one to try.",
      ["S22d", "S1c"],
    ),
    task("homework", "Homework: each member agrees something to try before the next group session.", [
      "S22d",
    ]),
    task("sessions-left", "Remind the group how many sessions are left.", ["S1c"]),
  ],
  // IPT-G's mid-treatment individual meeting (between group sessions 10 and 11 of 20 [S17a]), when the
  // group includes it (./group: an option; the WHO format at hand has none).
  "group-mid": [
    task(
      "progress",
      "Mid-treatment individual meeting: review the member's progress on their problem area and goals so far.",
      ["S17a"],
    ),
    task("focus", "Agree what the member will focus on in the group sessions that are left.", [
      "S17a",
      "S1c",
    ]),
  ],
  "group-final": [
    task(
      "symptom-evaluation",
      "Evaluate each member's symptoms: record a final PHQ-9 score and compare it with the pre-group one.",
      ["S22d", "S12b"],
    ),
    task("relapse-plan", "Agree each member's relapse plan: early warning signs and what to do.", [
      "S22d",
      "S4",
    ]),
    task("referral", "Consider a referral for any member whose symptoms persist.", ["S22d"]),
    task("feelings", "Invite feelings about the group ending.", ["S4", "S17c"]),
  ],
  "group-closing": [
    task(
      "review",
      "Closing individual meeting: review the member's progress in their problem area and credit them for it.",
      ["S17a", "S17c", "S4"],
    ),
    task(
      "relapse-plan",
      "Go through the member's relapse-prevention plan: warning signs, what to do, and when to come back.",
      ["S4", "S11b"],
    ),
    task(
      "next-step",
      "Decide the next step: no further treatment, maintenance under a new contract, or a referral if symptoms persist.",
      ["S22d", "S4", "S11b"],
    ),
  ],
};

/** The phase-task items of a slot for a format and lineage, keys prefixed with the slot. */
export function slotTemplateItems(
  slot: SessionSlot,
  format: CourseFormat,
  lineage: Lineage,
): AgendaTemplateItem[] {
  return slotTemplates[slot]
    .filter((item) => item.appliesTo?.({ format, lineage }) ?? true)
    .map(({ key, text, kind, sources }) => ({ key: `${slot}.${key}`, text, kind, sources }));
}

/** IPT-A: a joint parent session in the middle phase, placed on the first middle session [S20c]. */
export const iptaMiddleParentItem: AgendaTemplateItem = {
  key: "middle.parent",
  text: "Parent involvement: consider a joint session with a parent if the problem area involves a parent.",
  kind: "phase_task",
  sources: ["S20c"],
};

/** IPT-A middle phase uses explicit work-at-home assignments [S19]. */
export const iptaWorkAtHomeItem: AgendaTemplateItem = {
  key: "middle.technique.work-at-home",
  text: "Work at home: agree a task for the young person to try before the next session.",
  kind: "technique",
  sources: ["S19"],
};

/** Every slot template item for every format and lineage, for content checks. */
export function allSlotTemplateItems(): AgendaTemplateItem[] {
  return sessionSlots.flatMap((slot) =>
    slotTemplates[slot].map(({ key, text, kind, sources }) => ({
      key: `${slot}.${key}`,
      text,
      kind,
      sources,
    })),
  );
}
