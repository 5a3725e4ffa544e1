import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/AuthForm";
import { currentActor } from "@/lib/server/auth";
import { signInAction } from "../actions";

export const metadata = { title: "Sign in · Loam" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <main className="auth-page">
      <h1>Sign in to Loam</h1>
      <AuthForm mode="signin" action={signInAction} callbackUrl={callbackUrl ?? "/"} />
      <p>
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </main>
  );
}
