import { describe, expect, it } from "vitest";
import { filterSlashCommands, SLASH_COMMANDS } from "./slash-commands";

const labels = (query: string) => filterSlashCommands(query).map((command) => command.label);

describe("filterSlashCommands", () => {
  it("lists every command for an empty query, in menu order", () => {
    expect(labels("")).toEqual(SLASH_COMMANDS.map((command) => command.label));
  });

  it("filters by words of the label or keywords, ignoring case", () => {
    expect(labels("tod")).toEqual(["TODO", "Today"]);
    expect(labels("HEAD")).toEqual(["Heading 1", "Heading 2", "Heading 3"]);
    expect(labels("heading 2")).toEqual(["Heading 2"]);
    expect(labels("h1")).toEqual(["Heading 1"]);
    expect(labels("embed")).toEqual(["Block embed", "Page embed"]);
    expect(labels("code")).toEqual(["Code block"]);
    expect(labels("time")).toEqual(["Current time"]);
    expect(labels("usr")).toEqual([]);
  });

  it("puts labels that start with the query first", () => {
    expect(labels("block")).toEqual(["Block embed", "Block reference", "Code block"]);
    expect(labels("to")).toEqual(["TODO", "Today", "Tomorrow"]);
  });
});
