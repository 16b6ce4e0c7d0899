// Entry of the respondent bundle (respond.html): no Mantine, no router, no i18next.
import { createRoot } from 'react-dom/client';
import { parseTarget, RespondApp } from './App';
import './respond.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<RespondApp target={parseTarget(window.location)} />);
