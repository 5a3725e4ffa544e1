import { describe, expect, it } from "vitest";
import { cycleTodo, toggleTodoAt } from "./edit";

describe("cycleTodo (Ctrl+Enter)", () => {
  it("goes none → TODO → DONE → none, moving the caret with the text", () => {
    const first = cycleTodo("buy milk");
    expect(first).toEqual({ text: "{{[[TODO]]}} buy milk", shift: 13 });
    const second = cycleTodo(first.text);
    expect(second).toEqual({ text: "{{[[DONE]]}} buy milk", shift: 0 });
    expect(cycleTodo(second.text)).toEqual({ text: "buy milk", shift: -13 });
  });

  it("understands the short spellings", () => {
    expect(cycleTodo("{{TODO}} x").text).toBe("{{[[DONE]]}} x");
    expect(cycleTodo("{{DONE}} x").text).toBe("x");
  });
});

describe("toggleTodoAt", () => {
  it("flips only the box at that offset and keeps its spelling", () => {
    const text = "{{TODO}} a and {{[[DONE]]}} b";
    expect(toggleTodoAt(text, 0)).toBe("{{DONE}} a and {{[[DONE]]}} b");
    expect(toggleTodoAt(text, 15)).toBe("{{TODO}} a and {{[[TODO]]}} b");
    expect(toggleTodoAt(text, 3)).toBeUndefined();
  });
});
