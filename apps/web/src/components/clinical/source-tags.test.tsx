import { sourceTagKeys, sourceTags } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../../test/render";
import { compareSourceTags, SourceTags, SourcesAtTheText, SourcesScope } from "./source-tags";

function Guidance({ withSecond }: { withSecond: boolean }) {
  return (
    <SourcesScope>
      <p>
        Name the diagnosis with the client. <SourceTags tags={["S7", "S10a"]} />
      </p>
      {withSecond ? (
        <p>
          Give the sick role. <SourceTags tags={["S10a", "S20a"]} />
        </p>
      ) : null}
    </SourcesScope>
  );
}

function Toggle() {
  const [withSecond, setWithSecond] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setWithSecond(false)}>
        Hide the second line
      </button>
      <Guidance withSecond={withSecond} />
    </>
  );
}

const listed = () => screen.getAllByRole("listitem").map((item) => item.textContent);

describe("sources behind a disclosure", () => {
  it("lists a scope's sources once, by their published titles, and none at the lines", async () => {
    const { user } = renderWithProviders(<Toggle />);
    expect(screen.queryByText(/\[S7\]/)).toBeNull();
    const disclosure = screen.getByText("Sources", { selector: "summary" });
    expect(disclosure.closest("details")?.open).toBe(false);
    expect(listed()).toEqual([sourceTags.S7, sourceTags.S10a, sourceTags.S20a]);

    await user.click(screen.getByRole("button", { name: "Hide the second line" }));
    expect(listed()).toEqual([sourceTags.S7, sourceTags.S10a]);
  });

  it("shows the tags at the text outside a scope, with the citation as the tooltip", () => {
    renderWithProviders(<SourceTags tags={["S7"]} />);
    expect(screen.getByText("[S7]").getAttribute("title")).toBe(sourceTags.S7);
    expect(screen.queryByText("Sources", { selector: "summary" })).toBeNull();
  });

  it("keeps the tags at the text where a page cites them all itself (the printable plan)", () => {
    renderWithProviders(
      <SourcesScope>
        <SourcesAtTheText>
          <SourceTags tags={["S7"]} />
        </SourcesAtTheText>
      </SourcesScope>,
    );
    expect(screen.getByText("[S7]")).toBeTruthy();
    expect(screen.queryByText("Sources", { selector: "summary" })).toBeNull();
  });
});

describe("the order of sources", () => {
  it("is localeCompare's numeric order in English, for every tag", () => {
    const byCollator = [...sourceTagKeys].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect([...sourceTagKeys].reverse().sort(compareSourceTags)).toEqual(byCollator);
    expect([...sourceTagKeys].sort(compareSourceTags)).toEqual(byCollator);
  });
});
