import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { connectSocket } from '../net/socket.ts';
import { createSessionFeed } from '../session/session-feed.ts';
import { SessionColumns } from '../ui/SessionColumns.tsx';
import { Shell } from '../ui/Shell.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { createClerkStore, type ClerkStore } from './clerk-store.ts';
import { PairForm } from './ClerkForms.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { SignOutButton } from '../ui/SignOutButton.tsx';
import { whoAmI } from '../net/auth.ts';
import { PictogramSender } from './PictogramSender.tsx';
import { ackErrorKey } from '../i18n/error-keys.ts';

type Stores = { store: ClerkStore; feed: ReturnType<typeof createSessionFeed> };

/** Sign in with a clerk account (or come back with a valid session), then the console for one counter. */
export function ClerkRoot({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  const connect = (): Stores => {
    const socket = connectSocket();
    const feed = createSessionFeed(socket, 'clerk');
    return { store: createClerkStore(socket, feed), feed };
  };
  const [stores, setStores] = useState<Stores | null>(() => (signedIn ? connect() : null));
  useEffect(() => {
    if (!stores) return;
    const dispose = () => {
      stores.feed.dispose();
      stores.store.dispose();
    };
    addEventListener('pagehide', dispose);
    return () => {
      removeEventListener('pagehide', dispose);
      dispose();
    };
  }, [stores]);
  if (!stores)
    return (
      <Shell title={t('clerk.title')} connection="connecting">
        <SignInForm
          onSignedIn={() =>
            void whoAmI().then((me) => {
              if (me?.role === 'clerk') setStores(connect());
            })
          }
        />
      </Shell>
    );
  return <ClerkApp {...stores} />;
}

function ClerkApp({ store, feed }: Stores) {
  const t = useT();
  const counter = store.counter.value;
  return (
    <Shell title={t('clerk.title')} connection={store.connection.value}>
      {!counter ? (
        <>
          <PairForm store={store} />
          <SignOutButton />
        </>
      ) : (
        <>
          <div class="toolbar">
            <StatusBanner
              tone={counter.sessionId ? 'ok' : 'info'}
              testId="clerk-session"
              state={counter.sessionId ? 'active' : 'none'}
            >
              {t('clerk.pair.paired', { name: counter.kiosk?.name ?? '' })} —{' '}
              {counter.sessionId ? t('clerk.session.active') : t('clerk.session.none')}
            </StatusBanner>
            {counter.sessionId ? (
              <button
                type="button"
                class="btn btn-danger"
                data-testid="clerk-end"
                onClick={() => void store.endSession()}
              >
                {t('clerk.session.end')}
              </button>
            ) : (
              <button
                type="button"
                class="btn btn-primary"
                data-testid="clerk-start"
                onClick={() => void store.startSession()}
              >
                {t('clerk.session.start')}
              </button>
            )}
            <button type="button" class="btn" data-testid="clerk-unpair" onClick={() => void store.unpair()}>
              {t('clerk.pair.unpair')}
            </button>
          </div>
          <StatusBanner testId="clerk-call" state={counter.call.state}>
            {t(`clerk.call.${counter.call.state}`, { name: counter.call.interpreterName ?? '' })}
          </StatusBanner>
          {store.error.value ? (
            <StatusBanner tone="bad" testId="clerk-error">
              {t(ackErrorKey(store.error.value))}
            </StatusBanner>
          ) : null}
          {counter.sessionId ? (
            <SessionColumns
              feed={feed}
              id="clerk"
              onSend={(text) => store.sendText(text)}
              tools={<PictogramSender store={store} />}
            />
          ) : null}
        </>
      )}
    </Shell>
  );
}
