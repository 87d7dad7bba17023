import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { whoAmI } from '../net/auth.ts';
import { ClerkRoot } from './ClerkApp.tsx';

setLanguage('ar');
const me = await whoAmI();
render(<ClerkRoot signedIn={me?.role === 'clerk'} />, document.getElementById('app')!);
