import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { whoAmI } from '../net/auth.ts';
import { InterpreterApp } from './InterpreterApp.tsx';
import { createInterpreterStore } from './interpreter-store.ts';

setLanguage('ar');
const store = createInterpreterStore();
// A valid session cookie from an earlier sign-in skips the form.
const me = await whoAmI();
render(<InterpreterApp store={store} />, document.getElementById('app')!);
if (me?.role === 'interpreter')
  void store.start({ name: me.name, gender: me.gender, languages: me.languages });
addEventListener('pagehide', () => store.dispose());
