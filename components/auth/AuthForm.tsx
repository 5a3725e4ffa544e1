"use client";
// The sign-in and sign-up form: e-mail, password, one clear message when something is wrong.
import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";

type Props = {
  mode: "signin" | "signup";
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
};

export function AuthForm({ mode, action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const signup = mode === "signup";
  return (
    <form action={formAction} className="auth-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label>
        E-mail
        <input name="email" type="email" autoComplete="email" required defaultValue={state.email} autoFocus />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete={signup ? "new-password" : "current-password"}
          required
          minLength={signup ? 10 : undefined}
        />
      </label>
      {signup && <p className="hint">At least 10 characters.</p>}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {signup ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}
