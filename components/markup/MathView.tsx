"use client";
// $$tex$$ typeset with KaTeX. Bad TeX shows as red source, never an exception.
import katex from "katex";
import "katex/dist/katex.min.css";
import { useMemo } from "react";

export function MathView({ tex }: { tex: string }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, trust: false, strict: "ignore", output: "htmlAndMathml" }), [tex]);
  // KaTeX escapes the TeX it is given and allows no raw HTML (trust: false).
  return <span className="math" dangerouslySetInnerHTML={{ __html: html }} />;
}
