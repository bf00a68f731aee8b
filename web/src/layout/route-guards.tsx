import { Navigate, Outlet, useLocation } from 'react-router';
import { hasAccountHere, useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';

/** Signed-in pages: /me decides. Signed out goes to sign-in (or sign-up on a first visit). */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.isError) return <ServerUnreachable error={me.error} />;
  if (!me.data) {
    const to = hasAccountHere() ? '/sign-in' : '/sign-up';
    return <Navigate to={to} replace state={{ from: location.pathname + location.search }} />;
  }
  const isSetUp = me.data.practice.isSetUp;
  if (!isSetUp && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}

/** Sign-in and sign-up are for people who are signed out. */
export function RequireSignedOut() {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.data) return <Navigate to={me.data.practice.isSetUp ? '/' : '/setup'} replace />;
  return <Outlet />;
}

function ServerUnreachable({ error }: { error: unknown }) {
  return (
    <main style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <h1>Vouch is not answering</h1>
      <ProblemAlert error={error} />
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </p>
    </main>
  );
}
