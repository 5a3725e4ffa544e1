"use server";
// Sign-up, sign-in and sign-out, as server actions behind the forms.
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/server/accounts";
import { clientAddress, signIn, signOut } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { checkAttempts, recordFailure } from "@/lib/server/rate-limit";

export type AuthFormState = { error?: string; email?: string };

/** Only paths inside Loam: never an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export async function signUpAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, "email");
  const password = field(form, "password");
  const ip = clientAddress(await headers());
  try {
    await checkAttempts(`signup:${email}`, ip);
    await signUp(await db(), { email, password });
  } catch (error) {
    if (error instanceof AppError) {
      // Probing which addresses have accounts counts as failing.
      if (error.code !== "rate_limited") await recordFailure(`signup:${email}`, ip);
      return { error: error.message, email };
    }
    throw error;
  }
  await signIn("credentials", { email, password, redirectTo: safeCallback(form.get("callbackUrl")) });
  return {};
}

export async function signInAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, "email");
  try {
    await signIn("credentials", { email, password: field(form, "password"), redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "rate_limited") return { error: "Too many attempts. Wait a few minutes and try again.", email };
      return { error: "Wrong e-mail or password.", email };
    }
    if (error instanceof AuthError) return { error: "Could not sign in. Try again.", email };
    throw error; // the redirect after a successful sign-in
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
