import { describe, expect, it } from "vitest";
import type { Inline } from "./ast";
import { MAX_DEPTH, parse } from "./parse";
import { serialize } from "./serialize";

/** The top-level nodes of `text`, after checking that it round-trips. */
function nodes(text: string): Inline[] {
  const root = parse(text);
  expect(serialize(root)).toBe(text);
  const children: Inline[] = [];
  for (const child of root.children) {
    if (child.type === "attribute" || child.type === "quote") throw new Error(`unexpected ${child.type}`);
    children.push(child);
  }
  return children;
}

/** The one node `text` parses to. */
function only(text: string): Inline {
  const all = nodes(text);
  expect(all).toHaveLength(1);
  const [node] = all;
  if (node === undefined) throw new Error("no node");
  return node;
}

const text = (value: string) => ({ type: "text", text: value });

describe("page links", () => {
  it("[[Page]] has its title, offsets and text child", () => {
    expect(nodes("see [[Page]] now")).toMatchObject([
      { type: "text", text: "see ", start: 0, end: 4 },
      { type: "pageLink", title: "Page", start: 4, end: 12, children: [{ type: "text", text: "Page", start: 6, end: 10 }] },
      { type: "text", text: " now", start: 12, end: 16 },
    ]);
  });

  it("nested [[[[A]]'s Notes]] keeps the outer title and links the inner page", () => {
    expect(only("[[[[A]]'s Notes]]")).toMatchObject({
      type: "pageLink",
      title: "[[A]]'s Notes",
      start: 0,
      end: 17,
      children: [{ type: "pageLink", title: "A", start: 2, end: 7 }, text("'s Notes")],
    });
  });

  it("nests on both sides: [[a [[b]] c [[d]]]]", () => {
    expect(only("[[a [[b]] c [[d]]]]")).toMatchObject({
      title: "a [[b]] c [[d]]",
      children: [text("a "), { type: "pageLink", title: "b" }, text(" c "), { type: "pageLink", title: "d" }],
    });
  });

  it("namespaces [[a/b]] are one title", () => {
    expect(only("[[a/b/c]]")).toMatchObject({ type: "pageLink", title: "a/b/c" });
  });

  it("an odd leading bracket is text: [[[A]] links A", () => {
    expect(nodes("[[[A]]")).toMatchObject([text("["), { type: "pageLink", title: "A", start: 1, end: 6 }]);
  });

  it("unclosed, empty or mismatched brackets stay text", () => {
    expect(nodes("[[Page")).toEqual([{ type: "text", text: "[[Page", start: 0, end: 6 }]);
    expect(nodes("[[]]")).toMatchObject([text("[[]]")]);
    expect(nodes("Page]] and [[x]")).toMatchObject([text("Page]] and [[x]")]);
  });

  it("inside a title, tags and URLs are part of the title", () => {
    expect(only("[[a #b https://x.org]]")).toMatchObject({ title: "a #b https://x.org", children: [text("a #b https://x.org")] });
  });
});

describe("tags", () => {
  it("#tag ends at white space", () => {
    expect(nodes("#tag and")).toMatchObject([{ type: "tag", title: "tag", bracketed: false, start: 0, end: 4 }, text(" and")]);
  });

  it.each([".", ",", ";", ":", "!", "?", ")", "]", '"', "'"])("#tag%s leaves the trailing punctuation out", (mark) => {
    expect(nodes(`(#tag${mark}`)).toMatchObject([text("("), { type: "tag", title: "tag" }, text(mark)]);
  });

  it("keeps inner punctuation: #v1.0 and #fire-fighting", () => {
    expect(nodes("#v1.0. #fire-fighting")).toMatchObject([{ title: "v1.0" }, text(". "), { title: "fire-fighting" }]);
  });

  it("#[[multi word]] is a bracketed tag", () => {
    expect(only("#[[multi word]]")).toMatchObject({ type: "tag", title: "multi word", bracketed: true, start: 0, end: 15 });
  });

  it("is not a tag inside a word, an entity or a URL path, but is after CJK text", () => {
    expect(nodes("C#4 &#39; a/#b")).toMatchObject([text("C#4 &#39; a/#b")]);
    expect(nodes("用#[[双向链接]]")).toMatchObject([text("用"), { type: "tag", title: "双向链接" }]);
  });

  it("CJK punctuation ends a tag", () => {
    expect(nodes("#标签，然后")).toMatchObject([{ type: "tag", title: "标签" }, text("，然后")]);
  });

  it("a lone #, ## and #. are text", () => {
    expect(nodes("# heading ## x #.")).toMatchObject([text("# heading ## x #.")]);
  });

  it("style delimiters end a tag: **#tag**", () => {
    expect(only("**#tag**")).toMatchObject({ type: "bold", children: [{ type: "tag", title: "tag" }] });
  });
});

describe("aliases", () => {
  it("[label]([[Page]]) targets a page", () => {
    expect(only("[label]([[Page]])")).toMatchObject({
      type: "alias",
      start: 0,
      end: 17,
      children: [text("label")],
      target: { type: "pageLink", title: "Page", start: 8, end: 16 },
    });
  });

  it("[label](((uid))) targets a block", () => {
    expect(only("[label](((abc-123_x)))")).toMatchObject({ type: "alias", target: { type: "blockRef", uid: "abc-123_x" } });
  });

  it("[label](https://…) targets a URL, parentheses in it included", () => {
    expect(only("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))")).toMatchObject({
      type: "alias",
      target: { type: "url", url: "https://en.wikipedia.org/wiki/Foo_(bar)" },
    });
  });

  it("a label's #tag is text, not a tag", () => {
    expect(only("[#product-hk](https://example.slack.com/archives/C1)")).toMatchObject({
      type: "alias",
      children: [{ type: "text", text: "#product-hk" }],
      target: { type: "url", url: "https://example.slack.com/archives/C1" },
    });
  });

  it("a label keeps its styles", () => {
    expect(only("[**big** deal](https://x.org)")).toMatchObject({ children: [{ type: "bold" }, text(" deal")] });
  });

  it("a target with spaces, an empty target or a missing one is text", () => {
    expect(nodes("[a](b c) [a]() [a] (b)")).toMatchObject([text("[a](b c) [a]() [a] (b)")]);
  });
});

describe("URLs", () => {
  it("bare http(s) URLs are url nodes", () => {
    expect(nodes("go https://github.com/MiniProfiler/rack-mini-profiler now")).toMatchObject([
      text("go "),
      { type: "url", url: "https://github.com/MiniProfiler/rack-mini-profiler", start: 3, end: 53 },
      text(" now"),
    ]);
  });

  it.each([".", ",", ";", ":", "!", "?", '"', "'"])("leave trailing %s out", (mark) => {
    expect(nodes(`https://x.org/a${mark}`)).toMatchObject([{ type: "url", url: "https://x.org/a" }, text(mark)]);
  });

  it("keep balanced parentheses and drop an unbalanced closing one", () => {
    expect(nodes("(see https://en.wikipedia.org/wiki/Foo_(bar))")).toMatchObject([
      text("(see "),
      { type: "url", url: "https://en.wikipedia.org/wiki/Foo_(bar)" },
      text(")"),
    ]);
  });

  it("need a host and a word boundary; other schemes are text", () => {
    expect(nodes("http:// xhttp://a ftp://b javascript:alert(1)")).toMatchObject([text("http:// xhttp://a ftp://b javascript:alert(1)")]);
  });
});

describe("images and block references", () => {
  it("![alt](url)", () => {
    expect(only("![a cat](https://x.org/cat.png)")).toMatchObject({ type: "image", alt: "a cat", url: "https://x.org/cat.png", start: 0, end: 31 });
  });

  it("((uid))", () => {
    expect(nodes("see ((GgUC0ZYc3))")).toMatchObject([text("see "), { type: "blockRef", uid: "GgUC0ZYc3", start: 4, end: 17 }]);
  });

  it("(((uid))) in prose keeps the outer parentheses as text", () => {
    expect(nodes("(((x)))")).toMatchObject([text("("), { type: "blockRef", uid: "x" }, text(")")]);
  });

  it("((not a uid)) is text", () => {
    expect(nodes("((not a uid))")).toMatchObject([text("((not a uid))")]);
  });
});

describe("embeds", () => {
  it("{{embed: ((uid))}}", () => {
    expect(only("{{embed: ((uid1))}}")).toMatchObject({ type: "embed", linked: false, target: { type: "blockRef", uid: "uid1", start: 9, end: 17 } });
  });

  it("{{[[embed]]: ((uid))}}", () => {
    expect(only("{{[[embed]]: ((uid1))}}")).toMatchObject({ type: "embed", linked: true, target: { type: "blockRef", uid: "uid1" } });
  });

  it("{{embed: [[Page]]}}", () => {
    expect(only("{{embed: [[Some Page]]}}")).toMatchObject({ type: "embed", target: { type: "pageLink", title: "Some Page" } });
  });

  it("an embed of something else is a component named embed", () => {
    expect(only("{{embed: nothing}}")).toMatchObject({ type: "component", name: "embed", args: ": nothing" });
  });
});

describe("attributes and quotes", () => {
  it("Key:: value at the start of a block", () => {
    const [attribute] = parse("Type:: [[Book]] by #author").children;
    expect(attribute).toMatchObject({
      type: "attribute",
      key: "Type",
      children: [text(" "), { type: "pageLink", title: "Book" }, text(" by "), { type: "tag", title: "author" }],
    });
  });

  it("keys may have spaces; not after markup, on a later line or after a space", () => {
    expect(parse("Date Created:: today").children).toMatchObject([{ type: "attribute", key: "Date Created" }]);
    expect(parse("see [[x]] Key:: value").children).toMatchObject([text("see "), { type: "pageLink" }, text(" Key:: value")]);
    expect(parse("first line\nKey:: value").children).toMatchObject([text("first line\nKey:: value")]);
    expect(parse(" Key:: v").children).toMatchObject([text(" Key:: v")]);
    expect(parse("[[Key]]:: v").children[0]).toMatchObject({ type: "pageLink" });
  });

  it("> quote", () => {
    expect(parse("> to be [[Hamlet]]").children).toMatchObject([
      { type: "quote", marker: "> ", children: [text("to be "), { type: "pageLink", title: "Hamlet" }] },
    ]);
    expect(parse("a > b").children).toMatchObject([text("a > b")]);
  });
});

describe("TODO, DONE and sliders", () => {
  it.each([
    ["{{[[TODO]]}}", "TODO", true],
    ["{{TODO}}", "TODO", false],
    ["{{[[DONE]]}}", "DONE", true],
    ["{{DONE}}", "DONE", false],
  ] as const)("%s", (source, state, linked) => {
    expect(nodes(`${source} buy milk`)).toMatchObject([{ type: "todo", state, linked, start: 0, end: source.length }, text(" buy milk")]);
  });

  it.each(["{{slider}}", "{{[[slider]]}}", "<<slider>>"] as const)("%s is a slider", (syntax) => {
    expect(only(syntax)).toMatchObject({ type: "slider", syntax, start: 0, end: syntax.length });
  });

  it("several sliders in one block are separate nodes", () => {
    expect(nodes("{{slider}} and <<slider>>").map((node) => node.type)).toEqual(["slider", "text", "slider"]);
  });
});

describe("components", () => {
  it("{{name: args}} with args parsed", () => {
    expect(only("{{query: {and: [[a]] [[b]]}}}")).toMatchObject({
      type: "component",
      name: "query",
      linked: false,
      args: ": {and: [[a]] [[b]]}",
      children: [text(": {and: "), { type: "pageLink", title: "a" }, text(" "), { type: "pageLink", title: "b" }, text("}")],
    });
  });

  it("{{[[name]]}} is linked", () => {
    expect(only("{{[[roam/render]]: ((x1))}}")).toMatchObject({ type: "component", name: "roam/render", linked: true, args: ": ((x1))" });
    expect(only("{{[[table]]}}")).toMatchObject({ type: "component", name: "table", linked: true, args: "" });
  });

  it("{{word-count}}", () => {
    expect(only("{{word-count}}")).toMatchObject({ type: "component", name: "word-count", args: "" });
  });

  it("unbalanced or empty braces are text", () => {
    expect(nodes("{{a} {{}} {x}}")).toMatchObject([text("{{a} {{}} {x}}")]);
  });
});

describe("styles", () => {
  it.each([
    ["**", "bold"],
    ["__", "italic"],
    ["^^", "highlight"],
    ["~~", "strike"],
  ] as const)("%s marks %s", (mark, type) => {
    expect(nodes(`a ${mark}b [[c]]${mark} d`)).toMatchObject([
      text("a "),
      { type, start: 2, end: 13, children: [text("b "), { type: "pageLink", title: "c" }] },
      text(" d"),
    ]);
  });

  it("pairs each delimiter with the next of its kind", () => {
    expect(nodes("**a **b** c**")).toMatchObject([{ type: "bold", children: [text("a ")] }, text("b"), { type: "bold", children: [text(" c")] }]);
  });

  it("nests different kinds and never lets them cross", () => {
    expect(only("**a __b__ c**")).toMatchObject({ type: "bold", children: [text("a "), { type: "italic" }, text(" c")] });
    expect(nodes("**a __b** c__")).toMatchObject([{ type: "bold", children: [text("a __b")] }, text(" c__")]);
  });

  it("~**9,000** is a tilde then bold", () => {
    expect(nodes("~**9,000** drivers")).toMatchObject([text("~"), { type: "bold", children: [text("9,000")] }, text(" drivers")]);
  });

  it("unclosed and empty delimiters stay text", () => {
    expect(nodes("**a ~~b ^^c __d")).toMatchObject([text("**a ~~b ^^c __d")]);
    expect(nodes("**** ~~~~")).toMatchObject([text("**** ~~~~")]);
  });

  it("a style cannot close inside a link", () => {
    expect(nodes("**a [[b**]]")).toMatchObject([text("**a "), { type: "pageLink", title: "b**" }]);
  });
});

describe("code and math", () => {
  it("`code` hides markup", () => {
    expect(nodes("use `[[not]] #a **b**` here")).toMatchObject([text("use "), { type: "code", code: "[[not]] #a **b**", start: 4, end: 22 }, text(" here")]);
  });

  it("fenced code keeps its language and raw body", () => {
    expect(only("```clojure\n(+ 1 [[x]])\n```")).toMatchObject({ type: "codeBlock", lang: "clojure", info: "clojure\n", body: "(+ 1 [[x]])\n" });
    expect(only("```\nplain\n```")).toMatchObject({ type: "codeBlock", lang: "", body: "plain\n" });
    expect(only("```a b```")).toMatchObject({ type: "codeBlock", lang: "", info: "", body: "a b" });
  });

  it("code hides brackets from links around it", () => {
    expect(nodes("[[a `]]` b]]")).toMatchObject([{ type: "pageLink", title: "a `]]` b", children: [text("a "), { type: "code" }, text(" b")] }]);
  });

  it("$$math$$ is raw", () => {
    expect(nodes("E $$x^2 [[y]]$$.")).toMatchObject([text("E "), { type: "math", tex: "x^2 [[y]]" }, text(".")]);
  });

  it("unclosed fences, backticks and dollars are text", () => {
    expect(nodes("```js\nx `y $$z")).toMatchObject([text("```js\nx `y $$z")]);
  });
});

describe("robustness", () => {
  it("keeps nesting deeper than MAX_DEPTH as text", () => {
    const depth = MAX_DEPTH + 10;
    const source = `${"[[".repeat(depth)}x${"]]".repeat(depth)}`;
    let node: Inline | undefined = only(source);
    let levels = 0;
    while (node?.type === "pageLink") {
      levels++;
      node = node.children[0];
    }
    expect(levels).toBeGreaterThan(MAX_DEPTH - 2);
    expect(levels).toBeLessThan(depth);
    expect(node?.type).toBe("text");
  });

  it("parses the empty string", () => {
    expect(parse("")).toEqual({ type: "block", start: 0, end: 0, children: [] });
  });
});
