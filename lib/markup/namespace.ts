// Roam's namespaces: the page `a/b/c` is `c` inside `b` inside `a`; each prefix is a page of
// its own. Titles with an empty part ("/x", "a//b", "a/") are not namespaced.

export type NamespacePart = { label: string; title: string };

/** The breadcrumb of `title`: one part per prefix ("a", "a/b", "a/b/c"); empty when not namespaced. */
export function namespaceParts(title: string): NamespacePart[] {
  const labels = title.split("/");
  if (labels.length < 2 || labels.some((label) => label.trim() === "")) return [];
  return labels.map((label, index) => ({ label, title: labels.slice(0, index + 1).join("/") }));
}
