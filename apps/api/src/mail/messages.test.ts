import { describe, expect, it } from "vitest";
import { attentionMessage, questionnaireMessage } from "./messages";

// What a mailbox or a mail server on the way may read: a service name and a link, nothing clinical.
const CLINICAL = /phq|gad|depress|anxi|suicid|risk|score|item|harm|dead|mood|therap/i;

describe("messages", () => {
  it("a questionnaire invitation and reminder hold the service name and the link only", () => {
    const url = "https://ipt.example.org/q/abc";
    for (const kind of ["invitation", "reminder"] as const) {
      const message = questionnaireMessage("client@example.test", "Riverside Service", url, kind);
      expect(message.to).toBe("client@example.test");
      expect(message.subject).toContain("Riverside Service");
      expect(message.text).toContain(url);
      expect(message.text).toContain("questionnaire");
      expect(`${message.subject}\n${message.text}`).not.toMatch(CLINICAL);
    }
    expect(questionnaireMessage("a@example.test", "S", url, "reminder").text).toMatch(
      /earlier message no longer works/,
    );
  });

  it("an attention message says only that something needs attention, with the link", () => {
    const message = attentionMessage("therapist@example.test", "https://ipt.example.org/attention");
    expect(message.subject).toBe("Something needs your attention");
    expect(message.text).toContain("https://ipt.example.org/attention");
    expect(`${message.subject}\n${message.text}`).not.toMatch(CLINICAL);
  });
});
