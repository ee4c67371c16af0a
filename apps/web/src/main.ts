/** The page: hash routing between the views, the as-of picker, and sign-in when the registry asks for a token. */
import './styles.css';
import { ApiError, gql, token } from './api/client';
import { PROBE } from './api/documents';
import { renderAsOfPicker } from './as-of';
import { formatRoute, parseRoute, type Route } from './route';
import { renderIncident } from './views/incident';
import { renderOverview } from './views/overview';
import type { ViewContext } from './views/parts';
import { renderSignIn } from './views/sign-in';
import { renderSpeakOut } from './views/speak-out';
import { renderState } from './views/state';

const main = document.getElementById('main') as HTMLElement;
const asOfHost = document.getElementById('as-of') as HTMLElement;
let current: AbortController | undefined;
let firstRender = true;

const go = (route: Route) => {
  location.hash = formatRoute(route);
};

function render(): void {
  current?.abort();
  current = new AbortController();
  const route = parseRoute(location.hash);
  const ctx: ViewContext = { route, go, signal: current.signal };
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const active = parseRoute(a.hash).view === route.view;
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  switch (route.view) {
    case 'overview':
      renderOverview(main, ctx);
      break;
    case 'incident':
      renderIncident(main, ctx);
      break;
    case 'speak-out':
      renderSpeakOut(main, ctx);
      break;
    case 'state':
      renderState(main, ctx);
      break;
    default: {
      const _exhaustive: never = route.view;
      return _exhaustive;
    }
  }
  // After the view: its requests go out first, and the service works while the browser builds the rest.
  renderAsOfPicker(asOfHost, route, (params) => go({ ...route, params }));
  document.title = `${main.querySelector('h1')?.textContent ?? 'Registry'} · Cluster Munition Use Registry`;
  // Moving between views by keyboard: start reading at the new content, not at the top of the page.
  if (!firstRender) main.focus({ preventScroll: false });
  firstRender = false;
}

let viewsOn = false;
function showViews(): void {
  if (viewsOn) return;
  viewsOn = true;
  window.addEventListener('hashchange', render);
  render();
}
function hideViews(): void {
  viewsOn = false;
  window.removeEventListener('hashchange', render);
  current?.abort();
  asOfHost.replaceChildren();
}

/**
 * Reads need a token unless the registry is public. The view's own requests go out beside the probe, so that
 * a public registry (or a tab already signed in) pays no extra round trip; a refused probe puts sign-in in
 * the view's place, and after sign-in the probe goes first.
 */
async function start(afterSignIn = false): Promise<void> {
  if (!afterSignIn) showViews();
  try {
    await gql(PROBE);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) {
      hideViews();
      token.clear();
      renderSignIn(main, afterSignIn || error.code === 'FORBIDDEN', () => void start(true));
      return;
    }
  }
  addSignOut();
  showViews();
}

function addSignOut(): void {
  if (!token.get() || document.getElementById('sign-out')) return;
  const button = document.createElement('button');
  button.id = 'sign-out';
  button.type = 'button';
  button.textContent = 'Sign out';
  button.addEventListener('click', () => {
    token.clear();
    location.reload();
  });
  document.querySelector('header.top')?.appendChild(button);
}

// The skip link must not change the hash: that is the route.
document.getElementById('skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

void start();
