// Markup text back from a tree: the inverse of `parse`. Every node rebuilds its own spelling
// from its fields and children, so an edited tree (a TODO turned DONE, a renamed link target)
// serializes to the edited text, and an untouched one to exactly the source.
import type { Inline, MarkupNode, StyleType } from "./ast";

const STYLE_DELIMITER: Record<StyleType, string> = { bold: "**", italic: "__", highlight: "^^", strike: "~~" };

export function serialize(node: MarkupNode | readonly MarkupNode[]): string {
  if (isNodeList(node)) {
    let out = "";
    for (const child of node) out += serialize(child);
    return out;
  }
  switch (node.type) {
    case "block":
      return serialize(node.children);
    case "attribute":
      return `${node.key}::${serialize(node.children)}`;
    case "quote":
      return node.marker + serialize(node.children);
    default:
      return serializeInline(node);
  }
}

function isNodeList(node: MarkupNode | readonly MarkupNode[]): node is readonly MarkupNode[] {
  return Array.isArray(node);
}

function serializeInline(node: Inline): string {
  switch (node.type) {
    case "text":
      return node.text;
    case "pageLink":
      return `[[${serialize(node.children)}]]`;
    case "tag":
      return node.bracketed ? `#[[${serialize(node.children)}]]` : `#${node.title}`;
    case "alias":
      return `[${serialize(node.children)}](${serialize(node.target)})`;
    case "url":
      return node.url;
    case "image":
      return `![${node.alt}](${node.url})`;
    case "blockRef":
      return `((${node.uid}))`;
    case "embed":
      return `{{${node.linked ? "[[embed]]" : "embed"}${node.separator}${serialize(node.target)}${node.trailing}}}`;
    case "todo":
      return node.linked ? `{{[[${node.state}]]}}` : `{{${node.state}}}`;
    case "slider":
      return node.syntax;
    case "component":
      return `{{${node.linked ? `[[${node.name}]]` : node.name}${serialize(node.children)}}}`;
    case "bold":
    case "italic":
    case "highlight":
    case "strike": {
      const delimiter = STYLE_DELIMITER[node.type];
      return delimiter + serialize(node.children) + delimiter;
    }
    case "code":
      return `\`${node.code}\``;
    case "codeBlock":
      return `\`\`\`${node.info}${node.body}\`\`\``;
    case "math":
      return `$$${node.tex}$$`;
  }
}
