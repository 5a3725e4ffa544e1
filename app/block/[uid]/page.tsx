// /block/<uid>: a block zoomed into (bullet click, Alt+→), so it can be bookmarked and reloaded.
import { AppShell } from "@/components/app/AppShell";
import { ZoomScreen } from "@/components/pages/ZoomScreen";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export const metadata = { title: "Block · Loam" };

/** The uid in the URL segment; a malformed escape is taken literally rather than failing. */
function uidOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function Page({ params }: { params: Promise<{ uid: string }> }) {
  const segment = (await params).uid;
  const actor = await requireActorOrSignIn(`/block/${segment}`);
  return (
    <AppShell viewer={actor}>
      <ZoomScreen key={segment} uid={uidOf(segment)} />
    </AppShell>
  );
}
