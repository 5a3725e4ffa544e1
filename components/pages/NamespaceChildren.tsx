"use client";
// Page `a` lists the pages of its namespace (`a/b`, `a/b/c`), as Roam does.
import Link from "next/link";
import { useEffect, useState } from "react";
import { getJson } from "@/lib/store/api";
import { pageHref } from "@/lib/store/navigate";

export function NamespaceChildren({ title, seq }: { title: string; seq: number }) {
  const [titles, setTitles] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    getJson<{ titles: string[] }>(`/api/pages/namespace?title=${encodeURIComponent(title)}`)
      .then((answer) => live && setTitles(answer.titles))
      // The list is an extra: without it the page is still whole.
      .catch(() => live && setTitles([]));
    return () => {
      live = false;
    };
  }, [title, seq]);
  if (titles.length === 0) return null;
  return (
    <section className="namespace-children" aria-label="Pages in this namespace">
      <h2>Pages in this namespace</h2>
      <ul>
        {titles.map((child) => (
          <li key={child}>
            <Link href={pageHref(child)}>{child}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
