// "/graph": importing and exporting the whole graph.
import { AppShell } from "@/components/app/AppShell";
import { ExportPanel } from "@/components/graph/ExportPanel";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import and export · Loam" };

export default async function GraphRoute() {
  const actor = await requireActorOrSignIn("/graph");
  return (
    <AppShell viewer={actor}>
      <h1 className="page-title">Import and export</h1>
      <ExportPanel />
    </AppShell>
  );
}
