// The bar above every app page: the name, where saving stands, who is signed in, sign out.
import { SaveStatus } from "./SaveStatus";
import { SignOutForm } from "./SignOutForm";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <a href="/" className="brand">Loam</a>
      <SaveStatus />
      <div className="account">
        <span className="account-email">{email}</span>
        <SignOutForm />
      </div>
    </header>
  );
}
