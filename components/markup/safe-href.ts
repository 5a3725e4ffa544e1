// Only http, https and mailto targets become links; `javascript:`, `data:` and anything else
// render as text.
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function pageHref(title: string): string {
  return `/page/${encodeURIComponent(title)}`;
}
