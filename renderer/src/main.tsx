import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createPlatform } from './platform/platform';
import './styles.css';

// Browser mode: the server turned ?token=… into an HttpOnly cookie; keep the token out of the
// address bar, bookmarks and screenshots from here on.
if (!window.plumbline && new URLSearchParams(window.location.search).has('token')) {
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
}

const platform = createPlatform();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App platform={platform} />
  </StrictMode>,
);
