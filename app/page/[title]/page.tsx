// /page/<encoded title>: any page by its title.
import { AppShell } from "@/components/app/AppShell";
import { PageScreen } from "@/components/pages/PageScreen";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** The title in the URL segment; a malformed escape is taken literally rather than failing. */
function titleOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ title: string }> }) {
  return { title: `${titleOf((await params).title)} · Loam` };
}

export default async function Page({ params }: { params: Promise<{ title: string }> }) {
  const segment = (await params).title;
  const title = titleOf(segment);
  const actor = await requireActorOrSignIn(`/page/${segment}`);
  return (
    <AppShell viewer={actor}>
      <PageScreen key={title} title={title} />
    </AppShell>
  );
}
