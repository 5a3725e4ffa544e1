"use client";
// Other tabs' and devices' changes to the pages this tab shows, as they are saved (lib/store/live.ts).
import { useEffect } from "react";
import { startLiveUpdates } from "@/lib/store/live";

export function LiveUpdates() {
  useEffect(() => startLiveUpdates(), []);
  return null;
}
