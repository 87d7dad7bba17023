import { render } from 'preact';
import '../ui/theme.css';
import './supervisor.css';
import { setLanguage } from '../i18n/i18n.ts';
import { whoAmI } from '../net/auth.ts';
import { SupervisorRoot } from './SupervisorApp.tsx';

setLanguage('ar');
const me = await whoAmI();
render(<SupervisorRoot me={me} />, document.getElementById('app')!);
