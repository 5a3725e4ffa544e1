// Every signed-in page: the header, who is looking, and the main column.
import type { ReactNode } from "react";
import { OutlineKeys } from "../outliner/OutlineKeys";
import { AppHeader } from "./AppHeader";
import { LiveUpdates } from "./LiveUpdates";
import { Notice } from "./Notice";
import { OfflineSupport } from "./OfflineSupport";
import { ViewerProvider } from "./Viewer";

export function AppShell({ viewer, children }: { viewer: { userId: string; email: string }; children: ReactNode }) {
  return (
    <ViewerProvider userId={viewer.userId}>
      <AppHeader email={viewer.email} />
      <OutlineKeys />
      <LiveUpdates />
      <main className="app-main">{children}</main>
      <Notice />
      <OfflineSupport userId={viewer.userId} />
    </ViewerProvider>
  );
}
