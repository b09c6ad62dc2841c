// Every code the FHIR R4 export and import use, with where each comes from (docs/decisions/018).
// LOINC codes: the LOINC panels for the PHQ-9 (44249-1) and GAD-7 (69737-5) and their answer lists,
// as used in HL7's published examples (US Core screening-and-assessment pattern; HL7 PCO IG's
// Questionnaire 69737-5). SNOMED CT: 370143000 and 443730003 (SNOMED CT International). Codes of our
// own live in code systems under FHIR_BASE and are named "local" wherever they are used.
import type { DifficultyLevel, Instrument } from "../measures/vocabulary";

/** The base of every URL of ours: extensions, local code systems and identifier systems. A host
 *  under example.org (reserved for documentation), so it never claims a real organisation's name. */
export const FHIR_BASE = "https://ipt-session-planner.example.org/fhir";
/** Extensions: `${FHIR_EXTENSION_BASE}/<name>`, one per field FHIR has no place for. */
export const FHIR_EXTENSION_BASE = `${FHIR_BASE}/StructureDefinition`;
export const extensionUrl = (name: string) => `${FHIR_EXTENSION_BASE}/${name}`;
/** Local code systems: `${FHIR_CODE_SYSTEM_BASE}/<name>` (ours, not a published terminology). */
export const FHIR_CODE_SYSTEM_BASE = `${FHIR_BASE}/CodeSystem`;
export const localCodeSystem = (name: string) => `${FHIR_CODE_SYSTEM_BASE}/${name}`;
/** The identifier system of a client's stable pseudonym (a keyed hash, never the record's id). */
export const PATIENT_PSEUDONYM_SYSTEM = `${FHIR_BASE}/NamingSystem/client-pseudonym`;

export const LOINC = "http://loinc.org";
export const SNOMED_CT = "http://snomed.info/sct";
export const UCUM = "http://unitsofmeasure.org";
export const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
export const CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
export const CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
export const CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
export const ENCOUNTER_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
export const PROVENANCE_PARTICIPANT_TYPE =
  "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
export const SIGNATURE_TYPE = "urn:iso-astm:E1762-95:2013";
export const FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";

export interface Coding {
  system: string;
  code: string;
  display: string;
}

const loinc = (code: string, display: string): Coding => ({ system: LOINC, code, display });
const snomed = (code: string, display: string): Coding => ({ system: SNOMED_CT, code, display });

/** SNOMED CT concepts (SNOMED CT International edition). */
export const snomedCodes = {
  /** Only where the working diagnosis says major depressive disorder; otherwise the text alone. */
  majorDepressiveDisorder: snomed("370143000", "Major depressive disorder"),
  interpersonalPsychotherapy: snomed("443730003", "Interpersonal psychotherapy"),
};

/** LOINC answer list LL358-3 (PHQ-9 and GAD-7 items): the answer for an item value 0–3. */
export const frequencyAnswers: readonly Coding[] = [
  loinc("LA6568-5", "Not at all"),
  loinc("LA6569-3", "Several days"),
  loinc("LA6570-1", "More than half the days"),
  loinc("LA6571-9", "Nearly every day"),
];

/** LOINC 69722-7, the unscored difficulty question, and its LOINC answers. Note the order of the
 *  last two: LA6575-0 is "Very difficult" and LA6574-3 "Extremely difficult" (pinned in a test). */
export const difficultyQuestion = loinc(
  "69722-7",
  "How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
);
export const difficultyAnswers: Record<DifficultyLevel, Coding> = {
  not_difficult: loinc("LA6572-7", "Not difficult at all"),
  somewhat: loinc("LA6573-5", "Somewhat difficult"),
  very: loinc("LA6575-0", "Very difficult"),
  extremely: loinc("LA6574-3", "Extremely difficult"),
};

export interface InstrumentCodes {
  /** The panel Observation (hasMember items and total) and the QuestionnaireResponse's questionnaire. */
  panel: Coding;
  total: Coding;
  /** Item codes in form order; null where no item code is confirmed (the items travel in the
   *  QuestionnaireResponse only, with linkIds of ours). */
  items: readonly Coding[] | null;
  /** Whether the form has the difficulty question. */
  difficulty: boolean;
}

const HAMD17_SYSTEM = localCodeSystem("hamd17");

export const instrumentCodes: Record<Instrument, InstrumentCodes> = {
  // LOINC 44249-1 "PHQ-9 quick depression assessment panel" and its items, total 44261-6.
  phq9: {
    panel: loinc("44249-1", "PHQ-9 quick depression assessment panel"),
    total: loinc("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
    items: [
      loinc("44250-9", "Little interest or pleasure in doing things"),
      loinc("44255-8", "Feeling down, depressed, or hopeless"),
      loinc("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
      loinc("44254-1", "Feeling tired or having little energy"),
      loinc("44251-7", "Poor appetite or overeating"),
      loinc(
        "44258-2",
        "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
      ),
      loinc(
        "44252-5",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
      ),
      loinc(
        "44253-3",
        "Moving or speaking so slowly that other people could have noticed. Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual",
      ),
      loinc("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
    ],
    difficulty: true,
  },
  // LOINC 69737-5 "Generalized anxiety disorder 7 item (GAD-7)" (HL7 PCO IG Questionnaire 69737-5),
  // total 70274-6. The item codes are not confirmed from a source at hand, so none are used.
  gad7: {
    panel: loinc("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
    total: loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
    items: null,
    difficulty: true,
  },
  // HAM-D-17: no code is confirmed from a source at hand; a LOCAL code system of ours, labelled so.
  hamd17: {
    panel: { system: HAMD17_SYSTEM, code: "hamd17-panel", display: "HAM-D-17 (local code)" },
    total: { system: HAMD17_SYSTEM, code: "hamd17-total", display: "HAM-D-17 total score (local code)" },
    items: null,
    difficulty: false,
  },
};

/** The QuestionnaireResponse's `questionnaire`: a canonical URL of ours per form (we publish no
 *  Questionnaire resource; the LOINC panel code is on the panel Observation). */
export const questionnaireUrl = (instrument: Instrument) => `${FHIR_BASE}/Questionnaire/${instrument}`;

/** linkIds of the QuestionnaireResponse items (ours; the item's LOINC code rides on the answer's
 *  Observation where one exists). */
export const itemLinkId = (instrument: Instrument, index: number) => `${instrument}-item-${index + 1}`;
export const TOTAL_LINK_ID = "total";
export const DIFFICULTY_LINK_ID = "difficulty";

/** Local code systems of the IPT vocabulary (ours): format, problem area, dispute stage, phase. */
export const iptCodeSystems = {
  format: localCodeSystem("ipt-format"),
  lineage: localCodeSystem("ipt-lineage"),
  problemArea: localCodeSystem("ipt-problem-area"),
  disputeStage: localCodeSystem("ipt-dispute-stage"),
  phase: localCodeSystem("ipt-phase"),
  goal: localCodeSystem("ipt-goal"),
  riskFlag: localCodeSystem("risk-flag"),
  signatureTarget: localCodeSystem("signature-target"),
  /** The interpersonal inventory's closeness circle (inner, middle, outer): ours. */
  closenessRing: localCodeSystem("closeness-ring"),
  /** The kind of a life event on the timeline of onset (death, dispute, transition, other): ours. */
  lifeEventKind: localCodeSystem("life-event-kind"),
  /** A review thread's kind (comment, change_request): the Task's code. Ours. */
  reviewThreadKind: localCodeSystem("review-thread-kind"),
  /** What a review thread is about (formulation, plan, session). Ours. */
  reviewTarget: localCodeSystem("review-target"),
  /** The role a review thread's opener or a message's author wrote in (therapist, supervisor). Ours. */
  reviewAuthorRole: localCodeSystem("review-author-role"),
  /** The fidelity rating itself ("ipt-fidelity"), the code of its Observation. Ours. */
  fidelity: localCodeSystem("ipt-fidelity"),
  /** The items of a fidelity rating (packages/shared/src/fidelity): each component's code. Ours. */
  fidelityItem: localCodeSystem("ipt-fidelity-item"),
  /** Who rated (self, supervisor). Ours. */
  fidelityRaterRole: localCodeSystem("fidelity-rater-role"),
} as const;

/** FHIR R4's data-absent-reason "not-applicable" (terminology.hl7.org): a fidelity item rated "not
 *  applicable to this session". */
export const notApplicable: Coding = {
  system: "http://terminology.hl7.org/CodeSystem/data-absent-reason",
  code: "not-applicable",
  display: "Not Applicable",
};

/** FHIR R4's observation-category "social-history" (terminology.hl7.org), the category of a life
 *  event's Observation: "the Social History Observations define the patient's occupational, personal
 *  (e.g., lifestyle), social, familial, and environmental history". */
export const socialHistoryCategory: Coding = {
  system: OBSERVATION_CATEGORY,
  code: "social-history",
  display: "Social History",
};

/** The identifier system of a user of the exporting instance (a Provenance agent, a score's author);
 *  the importing instance maps every user to the therapist the course is assigned to. */
export const USER_SYSTEM = `${FHIR_BASE}/NamingSystem/user`;
