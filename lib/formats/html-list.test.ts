import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, findHtmlAttribute, formatHtmlList, hasHtmlListItems, htmlToText, readHtmlOutline } from "./html-list";
import type { OutlineNode } from "./outline-text";

const leaf = (content: string, ...children: OutlineNode[]): OutlineNode => ({ content, children });

// What Chrome hands a paste handler for a nested list copied from Google Docs: a <meta>, the
// whole fragment wrapped in <b style="font-weight:normal">, nested lists as siblings of the
// items (not inside them), every run of text a styled <span>, bold as font-weight:700.
const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-8a1b2c3d-7fff-1234-abcd-0123456789ab"><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Groceries</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"> for the week</span></p></li><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:circle;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="2"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:italic;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Apples</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"> &amp; pears</span></p></li><li dir="ltr" style="list-style-type:circle;" aria-level="2"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-weight:400;">Bread</span></p></li></ul><li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><a href="https://example.com/recipes?x=1&amp;y=2" style="text-decoration:none;"><span style="font-size:11pt;color:#1155cc;font-weight:400;text-decoration:underline;">Recipes</span></a></p></li></ul><br></b>`;

// Chrome on Windows, copying from a Wikipedia article: html/body, fragment comments,
// page-relative links, footnote markers, entities, white space from the source's layout.
const WIKIPEDIA = `<html>
<body>
<!--StartFragment--><p>The <b>rock dove</b> (<i>Columba livia</i>) has&nbsp;several forms:</p>
<ul>
  <li><a href="/wiki/Feral_pigeon" title="Feral pigeon">Feral pigeons</a>, found in cities<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>
    <ul>
      <li>Often called &#8220;rats with wings&#8221;</li>
      <li>Descended from domestic birds &#x2014; see <a href="https://en.wikipedia.org/wiki/Domestic_pigeon" class="mw-redirect">Domestic pigeon</a></li>
    </ul>
  </li>
  <li>Domestic pigeons, bred for racing &amp; show</li>
</ul>
<p>It&#39;s common worldwide.</p><!--EndFragment-->
</body>
</html>`;

// Notion: items with their text in <p>-less divs, a code span, an ordered list inside.
const NOTION = `<meta charset='utf-8'><ul><li>Set up the <code>dev</code> server<ul><li><strong>Install</strong> deps</li><li>Run <code>npm start</code></li></ul></li><li>Write docs<ol><li>Intro</li><li>API<ol><li><em>Edge</em> cases</li></ol></li></ol></li></ul>`;

describe("readHtmlOutline", () => {
  it("reads nested lists, an item's nested list being its children", () => {
    expect(readHtmlOutline("<ul><li>a<ul><li>b</li><li>c<ol><li>d</li></ol></li></ul></li><li>e</li></ul>")).toEqual([
      leaf("a", leaf("b"), leaf("c", leaf("d"))),
      leaf("e"),
    ]);
  });

  it("reads a Google Docs fragment: style-only bold and italic, the bold wrapper ignored, lists nested as siblings", () => {
    expect(readHtmlOutline(GOOGLE_DOCS)).toEqual([
      leaf("**Groceries** for the week", leaf("__Apples__ & pears"), leaf("Bread")),
      leaf("[Recipes](https://example.com/recipes?x=1&y=2)"),
    ]);
  });

  it("reads a Wikipedia fragment: paragraphs around the list are blocks, relative links are text, entities decoded", () => {
    expect(readHtmlOutline(WIKIPEDIA)).toEqual([
      leaf("The **rock dove** (__Columba livia__) has several forms:"),
      leaf("Feral pigeons, found in cities[1]", leaf("Often called “rats with wings”"), leaf("Descended from domestic birds — see [Domestic pigeon](https://en.wikipedia.org/wiki/Domestic_pigeon)")),
      leaf("Domestic pigeons, bred for racing & show"),
      leaf("It's common worldwide."),
    ]);
  });

  it("reads a Notion fragment: code spans, ordered lists inside items", () => {
    expect(readHtmlOutline(NOTION)).toEqual([
      leaf("Set up the `dev` server", leaf("**Install** deps"), leaf("Run `npm start`")),
      leaf("Write docs", leaf("Intro"), leaf("API", leaf("__Edge__ cases"))),
    ]);
  });

  it("makes <p>s and <br>s inside an item lines of its text, dropping a trailing <br>", () => {
    expect(readHtmlOutline("<ul><li><p>first</p><p>second<br>third<br></p></li><li>x<br><br>y<br></li></ul>")).toEqual([
      leaf("first\nsecond\nthird"),
      leaf("x\n\ny"),
    ]);
  });

  it("collapses white space as a browser shows it, keeping <pre> as it is", () => {
    expect(readHtmlOutline("<ul><li>\n   a \t  b\n</li><li><pre>  x  y\n    z</pre></li></ul>")).toEqual([leaf("a b"), leaf("  x  y\n    z")]);
  });

  it("decodes entities: named, decimal, hex, without semicolon where browsers allow, unknown ones kept", () => {
    expect(readHtmlOutline("<ul><li>&amp; &lt;&gt; &quot;&#39;&#x27;&apos; &hellip; &#128512; &amp x &bogus; &#0; a&nbsp;&nbsp;b</li></ul>")).toEqual([
      leaf("& <> \"''' … 😀 & x &bogus; \ufffd a b"),
    ]);
  });

  it("puts marks around words, never around spaces, and drops empty or repeated ones", () => {
    const read = (html: string) => readHtmlOutline(`<ul><li>${html}</li></ul>`)[0]?.content;
    expect(read("a<b> bold </b>b")).toBe("a **bold** b");
    expect(read("<b><strong>x</strong></b> <i></i><em> </em>y")).toBe("**x** y");
    expect(read("<s>gone</s> <mark>lit</mark> <del>x</del>")).toBe("~~gone~~ ^^lit^^ ~~x~~");
    expect(read("<code>a`b</code> <code><b>c</b></code>")).toBe("a`b `c`");
    expect(read("<b>one<br>two</b>")).toBe("one\ntwo");
  });

  it("keeps links only to web and mail addresses; a link showing its own address is just the address", () => {
    const read = (html: string) => readHtmlOutline(`<ul><li>${html}</li></ul>`)[0]?.content;
    expect(read('<a href="javascript:alert(1)">x</a> <a href="/wiki/A">A</a> <a href="#top">top</a>')).toBe("x A top");
    expect(read('<a href="https://a.example/">https://a.example/</a> <a href="mailto:me@a.example">me@a.example</a>')).toBe("https://a.example/ me@a.example");
    expect(read('<a href="https://a.example/x (y)">z</a>')).toBe("[z](https://a.example/x%20%28y%29)");
    expect(read('<a href="HTTP://A.EXAMPLE"><b>bold</b> link</a>')).toBe("[**bold** link](HTTP://A.EXAMPLE)");
  });

  it("tolerates sloppy markup: unclosed items, stray end tags, a bare <, odd attributes, a cut-off tag", () => {
    expect(readHtmlOutline("<ul><li>a<li>b</span></li></div><li>1 < 2 <ul><li x=1 y='>' z=\"q\">c</ul></ul><p>end<ul class")).toEqual([
      leaf("a"),
      leaf("b"),
      leaf("1 < 2", leaf("c")),
      leaf("end"),
    ]);
  });

  it("skips scripts, styles, comments and doctypes, and a Windows CF_HTML header", () => {
    const html = "Version:0.9\r\nStartHTML:0000000105\r\n<!DOCTYPE html><html><head><title>T</title><style>li { x: '<li>' }</style></head><body><!--StartFragment--><ul><li>a<script>document.write('<li>no</li>')</script></li></ul><!--EndFragment--></body></html>";
    expect(readHtmlOutline(html)).toEqual([leaf("a")]);
  });

  it("keeps empty items as empty blocks; a list right inside a list belongs to the item before it", () => {
    expect(readHtmlOutline("<ul><li></li><ul><li>child</li></ul></ul><ul><ul><li>orphan</li></ul></ul>")).toEqual([leaf("", leaf("child")), leaf("orphan")]);
  });

  it("reads lists nested 10,000 deep without exhausting the stack", () => {
    const depth = 10_000;
    const html = "<ul><li>x".repeat(depth) + "</li></ul>".repeat(depth);
    let node = readHtmlOutline(html)[0];
    let levels = 0;
    while (node) {
      levels += 1;
      node = node.children[0];
    }
    expect(levels).toBe(depth);
  });

  it("text only, when asked", () => {
    expect(readHtmlOutline("<ul><li><b>a</b> <a href='https://x.example'>b</a></li></ul>", { marks: false })).toEqual([leaf("a b")]);
  });
});

describe("htmlToText", () => {
  it("gives one line per block, in reading order, without markup", () => {
    expect(htmlToText(NOTION)).toBe("Set up the dev server\nInstall deps\nRun npm start\nWrite docs\nIntro\nAPI\nEdge cases");
    expect(htmlToText("<p>a</p>\n<p>b<br>c</p>")).toBe("a\nb\nc");
  });
});

describe("findHtmlAttribute and hasHtmlListItems", () => {
  it("finds an attribute's decoded value", () => {
    expect(findHtmlAttribute(`<meta charset="utf-8"><ul data-loam="{&quot;a&quot;:&quot;&lt;&amp;&gt;&#39;&quot;}"><li>x</li></ul>`, "data-loam")).toBe(`{"a":"<&>'"}`);
    expect(findHtmlAttribute("<ul><li>data-loam</li></ul>", "data-loam")).toBeUndefined();
  });

  it("tells lists from other HTML", () => {
    expect(hasHtmlListItems("<ul>\n<LI class=x>a")).toBe(true);
    expect(hasHtmlListItems("<p>a</p><link href=x>")).toBe(false);
  });
});

describe("formatHtmlList", () => {
  it("writes nested lists of escaped raw text, line breaks as <br>, attributes on the root", () => {
    expect(formatHtmlList([leaf("**a** <b> & 'q'\nline", leaf("b")), leaf("")], { "data-x": '"1"' })).toBe(
      `<ul data-x="&quot;1&quot;"><li>**a** &lt;b&gt; &amp; &#39;q&#39;<br>line<ul><li>b</li></ul></li><li></li></ul>`,
    );
    expect(escapeHtml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#39;");
  });
});

// Text as the reader gives it back: no space at a line's ends, no runs of spaces, no blank
// lines at either end, nothing the reader would take for markup (it reads text, not Markdown,
// so `**` and `[x](y)` in the text come back as they went).
const wordArb = fc.stringMatching(/^[-A-Za-z0-9*_`[\]()<>&"'#:.]{1,8}$/);
const lineArb = fc.array(wordArb, { minLength: 1, maxLength: 4 }).map((words) => words.join(" "));
const contentArb = fc.array(fc.oneof(lineArb, lineArb, fc.constant("")), { minLength: 1, maxLength: 3 }).map((lines) => lines.join("\n").replace(/^\n+|\n+$/g, ""));
const { forest: forestArb } = fc.letrec<{ forest: OutlineNode[]; node: OutlineNode }>((tie) => ({
  forest: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
  node: fc.record({ content: contentArb, children: fc.oneof({ depthSize: "small" }, fc.constant<OutlineNode[]>([]), tie("forest")) }),
}));

describe("round trip (property)", () => {
  it("reading the lists written gives back the same outline", () => {
    fc.assert(
      fc.property(forestArb, (forest) => {
        expect(readHtmlOutline(formatHtmlList(forest))).toEqual(forest);
      }),
      { numRuns: 1_000, seed: 20261128 },
    );
  });
});
