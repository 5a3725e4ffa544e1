// The bar above every app page: the name, where saving stands, who is signed in, sign out.
import { signOutAction } from "@/app/(auth)/actions";
import { SaveStatus } from "./SaveStatus";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <a href="/" className="brand">Loam</a>
      <SaveStatus />
      <div className="account">
        <span className="account-email">{email}</span>
        <form action={signOutAction}>
          <button type="submit" className="link-button">Sign out</button>
        </form>
      </div>
    </header>
  );
}
