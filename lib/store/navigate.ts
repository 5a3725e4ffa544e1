// Client-side navigation for code outside React (editor keys): the app shell registers the
// router; before it has, a plain page load does the same.
type Navigate = (href: string) => void;

let navigator: Navigate | undefined;

export function setNavigator(next: Navigate | undefined): void {
  navigator = next;
}

export function navigate(href: string): void {
  if (navigator) navigator(href);
  else window.location.assign(href);
}

export const blockHref = (uid: string) => `/block/${encodeURIComponent(uid)}`;
export const pageHref = (title: string) => `/page/${encodeURIComponent(title)}`;
