// "/": the daily notes, today first.
import { AppHeader } from "@/components/app/AppHeader";
import { DailyNotes } from "@/components/daily/DailyNotes";
import { requireActorOrSignIn } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await requireActorOrSignIn("/");
  return (
    <>
      <AppHeader email={actor.email} />
      <main className="app-main">
        <DailyNotes />
      </main>
    </>
  );
}
