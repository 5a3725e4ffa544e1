// Every signed-in page: the header, who is looking, and the main column.
import type { ReactNode } from "react";
import { AppHeader } from "./AppHeader";
import { ViewerProvider } from "./Viewer";

export function AppShell({ viewer, children }: { viewer: { userId: string; email: string }; children: ReactNode }) {
  return (
    <ViewerProvider userId={viewer.userId}>
      <AppHeader email={viewer.email} />
      <main className="app-main">{children}</main>
    </ViewerProvider>
  );
}
