"use client";
// Sign out, forgetting the pages this browser kept for offline use (unsaved changes stay, kept
// per user, and are sent when this user signs in again).
import { signOutAction } from "@/app/(auth)/actions";
import { forgetAll } from "@/lib/store/offline-cache";

export function SignOutForm() {
  return (
    <form action={signOutAction} onSubmit={() => void forgetAll()}>
      <button type="submit" className="link-button">Sign out</button>
    </form>
  );
}
