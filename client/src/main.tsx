import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PRESETS, prefetchPreset } from './app/useGraphActions';
import { decodeState, opensBare } from './core/url';
import './styles.css';

// A bare URL's first view is fetched while the interface starts.
if (opensBare(decodeState(window.location.search))) prefetchPreset(PRESETS[0]!.types);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
