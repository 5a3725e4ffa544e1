"use client";
// The header's ways around: daily notes, all pages, a date picker for any day's page, and
// Roam's Alt+D (Ctrl+Shift+D on macOS) to today's notes from anywhere, even while typing.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { dailyTitle, isIsoDay } from "@/lib/markup/daily";
import { pageHref } from "@/lib/store/navigate";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Alt+D, or Ctrl+Shift+D on macOS (where Option+D types a character). By key position, not character. */
export function isDailyNotesKey(event: KeyboardEvent, mac: boolean): boolean {
  if (event.code !== "KeyD") return false;
  return mac ? event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey : event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
}

export function AppNav() {
  const router = useRouter();
  const pathname = usePathname();
  // The picker is shown only when asked for: the page keeps one text box, the block being edited.
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isDailyNotesKey(event, isMac())) return;
      event.preventDefault();
      if (window.location.pathname === "/") window.scrollTo({ top: 0 });
      else router.push("/");
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [router]);

  return (
    <nav className="app-nav" aria-label="Main">
      <Link href="/" aria-current={pathname === "/" ? "page" : undefined}>
        Daily notes
      </Link>
      <Link href="/pages" aria-current={pathname === "/pages" ? "page" : undefined}>
        All pages
      </Link>
      <Link href="/graph" aria-current={pathname === "/graph" ? "page" : undefined}>
        Import and export
      </Link>
      {picking ? (
        <input
          type="date"
          className="date-jump"
          aria-label="Go to date"
          autoFocus
          onBlur={() => setPicking(false)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setPicking(false);
          }}
          onChange={(event) => {
            const day = event.currentTarget.value;
            // Typing a year passes through 0002, 0020, 0202: wait for the fourth digit.
            if (!isIsoDay(day) || day < "1000") return;
            setPicking(false);
            router.push(pageHref(dailyTitle(day)));
          }}
        />
      ) : (
        <button type="button" className="link-button date-jump-button" onClick={() => setPicking(true)}>
          Go to date
        </button>
      )}
    </nav>
  );
}
