import { render } from 'preact';
import '../ui/theme.css';
import { setLanguage } from '../i18n/i18n.ts';
import { InterpreterApp } from './InterpreterApp.tsx';
import { createInterpreterStore } from './interpreter-store.ts';

setLanguage('ar');
const store = createInterpreterStore();
render(<InterpreterApp store={store} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
