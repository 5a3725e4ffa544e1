// "/": the daily notes, today first.
import { AppShell } from "@/components/app/AppShell";
import { DailyNotes } from "@/components/daily/DailyNotes";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await requireActorOrSignIn("/");
  return (
    <AppShell viewer={actor}>
      <DailyNotes />
    </AppShell>
  );
}
