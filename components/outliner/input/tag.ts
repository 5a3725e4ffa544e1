// How a page title is written as a tag: `#Title` when the parser reads that back as the whole
// title, else `#[[Two words]]` (spaces, brackets, trailing punctuation ... would end the tag).
import { parse } from "@/lib/markup/parse";

export function tagFor(title: string): string {
  const plain = `#${title}`;
  const [only, ...rest] = parse(plain).children;
  const whole = rest.length === 0 && only?.type === "tag" && !only.bracketed && only.title === title && only.end === plain.length;
  return whole ? plain : `#[[${title}]]`;
}
