import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { whoAmI, type Me } from '../net/auth.ts';
import { connectSocket } from '../net/socket.ts';
import { Shell } from '../ui/Shell.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { SignOutButton } from '../ui/SignOutButton.tsx';
import { systemClock } from '../util/clock.ts';
import { AdminPanel } from './AdminPanel.tsx';
import { createSupervisorStore, type SupervisorStore } from './supervisor-store.ts';
import { Wallboard } from './Wallboard.tsx';
import { History } from './History.tsx';
import { ClipsReview } from './ClipsReview.tsx';

const isStaff = (me: Me | null) => me?.role === 'supervisor' || me?.role === 'admin';

/** Sign in as a supervisor or an admin, then the wallboard and the administration. */
export function SupervisorRoot({ me: first }: { me: Me | null }) {
  const t = useT();
  const [me, setMe] = useState(isStaff(first) ? first : null);
  const [store, setStore] = useState<SupervisorStore | null>(() =>
    me ? createSupervisorStore(connectSocket()) : null,
  );
  useEffect(() => {
    if (!store) return;
    addEventListener('pagehide', store.dispose);
    return () => {
      removeEventListener('pagehide', store.dispose);
      store.dispose();
    };
  }, [store]);
  if (!store || !me)
    return (
      <Shell title={t('supervisor.title')} connection="connecting">
        <SignInForm
          onSignedIn={() =>
            void whoAmI().then((who) => {
              if (!isStaff(who)) return;
              setMe(who);
              setStore(createSupervisorStore(connectSocket()));
            })
          }
        />
      </Shell>
    );
  return <SupervisorApp store={store} isAdmin={me.role === 'admin'} />;
}

function SupervisorApp({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  const [tab, setTab] = useState<'board' | 'history' | 'clips' | 'admin'>('board');
  const [large, setLarge] = useState(false);
  const board = store.board.value;
  return (
    <div class={large ? 'large-screen' : undefined}>
      <Shell title={t('supervisor.title')} connection={store.connection.value}>
        <nav class="toolbar" aria-label={t('supervisor.sections')}>
          <button
            type="button"
            class="btn"
            aria-pressed={tab === 'board'}
            data-testid="tab-board"
            onClick={() => setTab('board')}
          >
            {t('supervisor.tabs.board')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={tab === 'history'}
            data-testid="tab-history"
            onClick={() => setTab('history')}
          >
            {t('supervisor.tabs.history')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={tab === 'clips'}
            data-testid="tab-clips"
            onClick={() => setTab('clips')}
          >
            {t('clips.review.tab')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={tab === 'admin'}
            data-testid="tab-admin"
            onClick={() => setTab('admin')}
          >
            {t('supervisor.tabs.admin')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={large}
            data-testid="large-screen"
            onClick={() => setLarge(!large)}
          >
            {t('supervisor.largeScreen')}
          </button>
          <SignOutButton />
        </nav>
        {tab === 'admin' ? (
          <AdminPanel store={store} isAdmin={isAdmin} />
        ) : tab === 'history' ? (
          <History />
        ) : tab === 'clips' ? (
          <ClipsReview />
        ) : board ? (
          <Wallboard board={board} clock={systemClock} />
        ) : (
          <p role="status">{t('supervisor.loading')}</p>
        )}
      </Shell>
    </div>
  );
}
