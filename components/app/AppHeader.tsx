// The bar above every app page: the name, where saving stands, the ways around (AppNav), who is
// signed in, sign out.
import { AppNav } from "./AppNav";
import { SaveStatus } from "./SaveStatus";
import { SignOutForm } from "./SignOutForm";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <a href="/" className="brand">Loam</a>
      <SaveStatus />
      <AppNav />
      <div className="account">
        <span className="account-email">{email}</span>
        <SignOutForm />
      </div>
    </header>
  );
}
