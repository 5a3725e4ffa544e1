"use client";
// Who is looking: the signed-in user's id, for what is kept per user (slider values).
import { createContext, useContext, type ReactNode } from "react";

const ViewerContext = createContext<{ userId: string } | null>(null);

export function ViewerProvider({ userId, children }: { userId: string; children: ReactNode }) {
  return <ViewerContext.Provider value={{ userId }}>{children}</ViewerContext.Provider>;
}

export function useViewer(): { userId: string } {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer() outside a ViewerProvider");
  return viewer;
}
