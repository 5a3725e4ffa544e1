// Ranking page titles on the client, the way the server ranks them (exact, prefix, substring;
// ignoring case): used for the results of an earlier query while the current one is in flight.

export function rankTitles<T extends { title: string }>(query: string, hits: readonly T[]): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const kind = (title: string) => (title === q ? 0 : title.startsWith(q) ? 1 : 2);
  return hits
    .map((hit) => ({ hit, lower: hit.title.toLowerCase() }))
    .filter(({ lower }) => lower.includes(q))
    .sort((a, b) => kind(a.lower) - kind(b.lower) || a.lower.length - b.lower.length || (a.hit.title < b.hit.title ? -1 : a.hit.title > b.hit.title ? 1 : 0))
    .map(({ hit }) => hit);
}
