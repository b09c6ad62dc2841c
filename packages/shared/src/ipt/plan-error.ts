/** A plan request that breaks a course rule; `field` names the input at fault so the API can map it. */
export class PlanRuleError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "PlanRuleError";
    this.field = field;
  }
}
