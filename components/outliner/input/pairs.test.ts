import { describe, expect, it } from "vitest";
import { deletesPair, typedChar } from "./pairs";

/** Types `keys` into `text` (caret marked "|") with the pair rules, as the editor does. */
function type(text: string, keys: string): string {
  let caret = text.indexOf("|");
  let value = text.replace("|", "");
  for (const ch of keys) {
    const action = typedChar(ch, value[caret - 1] ?? "", value[caret] ?? "");
    if (action?.type === "step") {
      caret += 1;
    } else if (action?.type === "pair") {
      value = value.slice(0, caret) + action.open + action.close + value.slice(caret);
      caret += 1;
    } else {
      value = value.slice(0, caret) + ch + value.slice(caret);
      caret += 1;
    }
  }
  return value.slice(0, caret) + "|" + value.slice(caret);
}

describe("typedChar", () => {
  it("pairs brackets and braces, caret between", () => {
    expect(type("|", "[")).toBe("[|]");
    expect(type("|", "[[")).toBe("[[|]]");
    expect(type("a |", "(")).toBe("a (|)");
    expect(type("|", "{{")).toBe("{{|}}");
  });

  it("steps over the closer typed before the same closer, so typing markup gives it exactly", () => {
    for (const text of ["[[Vincent Chan]]", "{{[[TODO]]}}", "[[[[A]]'s Notes]]", "((abc123xyz))", "{{embed: ((uid))}}", "[label]([[Page]])"]) {
      expect(type("|", text)).toBe(`${text}|`);
    }
    expect(type("|", "[bad](javascript:alert(1))")).toBe("[bad](javascript:alert(1))|");
    expect(type("|", '"quoted" and `code`')).toBe('"quoted" and `code`|');
  });

  it("does not pair a quote after a letter or digit, nor after the same quote", () => {
    expect(type("don|", "`")).toBe("don`|");
    expect(type("5|", '"')).toBe('5"|');
    expect(type("é|", '"')).toBe('é"|');
    expect(type("|", "```clojure")).toBe("```clojure|");
    expect(type("x |", '"')).toBe('x "|"');
  });

  it("inserts other characters as typed", () => {
    expect(typedChar("a", "", "")).toBeNull();
    expect(typedChar("]", "a", "b")).toBeNull();
    expect(typedChar(")", "", "]")).toBeNull();
  });
});

describe("deletesPair", () => {
  it("removes an empty pair only", () => {
    expect(deletesPair("[", "]")).toBe(true);
    expect(deletesPair("(", ")")).toBe(true);
    expect(deletesPair('"', '"')).toBe(true);
    expect(deletesPair("[", ")")).toBe(false);
    expect(deletesPair("a", "]")).toBe(false);
    expect(deletesPair("", "")).toBe(false);
  });
});
