import { describe, expect, it } from "vitest";
import { formatFields, formatTable } from "../../../src/cli/output/table.js";

describe("formatTable", () => {
  it("aligns columns two spaces apart with a header line", () => {
    const text = formatTable(
      [{ header: "ID" }, { header: "STATE" }, { header: "DURATION", align: "right" }],
      [
        ["a1", "Completed", "1.2s"],
        ["b22222", "Failed", "15m 03s"],
      ],
    );
    expect(text).toBe(
      ["ID      STATE      DURATION", "a1      Completed      1.2s", "b22222  Failed      15m 03s", ""].join(
        "\n",
      ),
    );
  });

  it("prints only the header when there are no rows", () => {
    expect(formatTable([{ header: "ID" }, { header: "NAME" }], [])).toBe("ID  NAME\n");
  });

  it("leaves no trailing spaces", () => {
    const text = formatTable([{ header: "A" }, { header: "LONGER" }], [["x", ""]]);
    for (const line of text.split("\n")) expect(line).toBe(line.trimEnd());
  });

  it("cuts cells longer than maxWidth with an ellipsis", () => {
    expect(formatTable([{ header: "NAME", maxWidth: 6 }], [["abcdefghij"]])).toBe("NAME\nabcde…\n");
  });

  it("keeps each row on one line", () => {
    expect(formatTable([{ header: "MESSAGE" }], [["two\nlines\ttab"]])).toBe("MESSAGE\ntwo lines tab\n");
  });

  it("fills missing cells with blanks", () => {
    expect(formatTable([{ header: "A" }, { header: "B" }], [["x"]])).toBe("A  B\nx\n");
  });
});

describe("formatFields", () => {
  it("aligns values after their labels and skips undefined values", () => {
    expect(
      formatFields([
        ["id", "a1"],
        ["state", "Completed"],
        ["host", undefined],
      ]),
    ).toBe("id:     a1\nstate:  Completed\n");
  });
});
