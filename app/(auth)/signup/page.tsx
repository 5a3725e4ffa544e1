import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/AuthForm";
import { currentActor } from "@/lib/server/auth";
import { signUpAction } from "../actions";

export const metadata = { title: "Create an account · Loam" };

export default async function SignUpPage() {
  if (await currentActor()) redirect("/");
  return (
    <main className="auth-page">
      <h1>Create your Loam account</h1>
      <AuthForm mode="signup" action={signUpAction} callbackUrl="/" />
      <p>
        Have an account? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
