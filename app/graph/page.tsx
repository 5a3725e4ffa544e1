// "/graph": import and export of the whole graph.
import { AppShell } from "@/components/app/AppShell";
import { ExportPanel } from "@/components/graph/ExportPanel";
import { ImportPanel } from "@/components/graph/ImportPanel";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import and export · Loam" };

export default async function GraphRoute() {
  const actor = await requireActorOrSignIn("/graph");
  return (
    <AppShell viewer={actor}>
      <section className="graph-io" aria-labelledby="graph-io-title">
        <h1 id="graph-io-title" className="page-title">
          Import and export
        </h1>
        <ImportPanel />
        <ExportPanel />
      </section>
    </AppShell>
  );
}
