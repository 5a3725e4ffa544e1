// Every signed-in page: the header, who is looking, the main column and the right sidebar.
import type { ReactNode } from "react";
import { OutlineKeys } from "../outliner/OutlineKeys";
import { RightSidebar } from "../sidebar/RightSidebar";
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
      <div className="app-body">
        <main className="app-main">{children}</main>
        <RightSidebar />
      </div>
      <Notice />
      <OfflineSupport userId={viewer.userId} />
    </ViewerProvider>
  );
}
