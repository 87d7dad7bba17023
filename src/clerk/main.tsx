import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { ClerkRoot } from './ClerkApp.tsx';

setLanguage('ar');
render(<ClerkRoot />, document.getElementById('app')!);
