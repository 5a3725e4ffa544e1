// "/pages": every page of the graph, sortable, filterable, paginated.
import { Suspense } from "react";
import { AppShell } from "@/components/app/AppShell";
import { AllPages } from "@/components/pages/AllPages";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "All pages · Loam" };

export default async function AllPagesRoute() {
  const actor = await requireActorOrSignIn("/pages");
  return (
    <AppShell viewer={actor}>
      <Suspense fallback={<p className="loading">Loading…</p>}>
        <AllPages />
      </Suspense>
    </AppShell>
  );
}
