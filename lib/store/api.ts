// Reading from Loam's API in the browser: JSON or a readable error; a lost session sends the
// person to sign in (and back here after).
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 401) {
    // A full load (not a client-side push): nothing of the signed-out session should survive.
    const signIn = new URL(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`, window.location.origin);
    window.location.assign(signIn.href);
    throw new Error("Signed out");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  }
  return (await response.json()) as T;
}
