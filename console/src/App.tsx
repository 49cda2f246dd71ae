// The frame of every page: the banner with navigation, language and sign-in, and the page the
// address names. Pages other than search are loaded when first opened.
import { lazy, Suspense, type ReactNode } from 'react';
import { hasRole, type Role } from './auth/session';
import { useSession } from './auth/session-context';
import { usePurpose } from './auth/purpose';
import { useLanguage } from './i18n/language';
import { Link, useLocation } from './router';
import { SearchPage } from './pages/SearchPage';

const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const BidderCheckPage = lazy(() => import('./pages/BidderCheckPage'));
const SubmissionsPage = lazy(() => import('./pages/SubmissionsPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const QualityPage = lazy(() => import('./pages/QualityPage'));
const MyRecordPage = lazy(() => import('./pages/MyRecordPage'));
const QueuesPage = lazy(() => import('./pages/QueuesPage'));
const CreditCheckPage = lazy(() => import('./pages/CreditCheckPage'));

interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly shown: boolean;
}

export function App() {
  const { session, user } = useSession();
  // a purpose is one person's statement: it ends with their session and is not inherited by the next
  const { choose } = usePurpose();
  const { t, toggle, language } = useLanguage();
  const location = useLocation();
  const may = (role: Role) => hasRole(user, role);
  const nav: NavItem[] = [
    { href: '/', label: t.navSearch, shown: true },
    { href: '/verify', label: t.navVerify, shown: true },
    { href: '/bidder-check', label: t.navBidder, shown: may('credit-bidding') || may('credit-member') },
    { href: '/credit-check', label: t.navCreditCheck, shown: may('credit-bidding') || may('credit-member') },
    { href: '/submissions', label: t.navSubmissions, shown: may('credit-submitter') },
    { href: '/audit', label: t.navAudit, shown: may('credit-auditor') },
    { href: '/quality', label: t.navQuality, shown: may('credit-admin') },
    { href: '/my-record', label: t.navMyRecord, shown: may('credit-subject') },
    { href: '/queues', label: t.navQueues, shown: may('credit-submitter') || may('credit-admin') },
  ];
  const path = location.pathname;
  const profile = /^\/enterprise\/([^/]+)$/.exec(path);
  let page: ReactNode;
  if (profile?.[1]) page = <ProfilePage uscc={decodeURIComponent(profile[1])} />;
  else if (path === '/verify') page = <VerifyPage />;
  else if (path === '/bidder-check') page = <BidderCheckPage />;
  else if (path === '/submissions') page = <SubmissionsPage />;
  else if (path === '/audit') page = <AuditPage />;
  else if (path === '/quality') page = <QualityPage />;
  else if (path === '/my-record') page = <MyRecordPage />;
  else if (path === '/queues') page = <QueuesPage />;
  else if (path === '/credit-check') page = <CreditCheckPage />;
  // a new search (or Back to an earlier one) starts from its first page
  else page = <SearchPage key={location.search} />;
  return (
    <>
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <header className="banner">
        <p className="brand">{t.appTitle}</p>
        <nav aria-label={t.appTitle}>
          <ul>
            {nav
              .filter((n) => n.shown)
              .map((n) => (
                <li key={n.href}>
                  <Link href={n.href} aria-current={path === n.href ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="account">
          <button type="button" className="link" onClick={toggle} title={t.languageLabel} lang={language === 'en' ? 'zh-CN' : 'en'}>
            {t.language}
          </button>
          {user ? (
            <>
              <span className="who" data-testid="signed-in-user">
                {t.signedInAs}
                {user.username}
              </span>
              <button
                type="button"
                onClick={() => {
                  choose(undefined);
                  void session.signOut();
                }}
              >
                {t.signOut}
              </button>
            </>
          ) : (
            <>
              <span className="who">{t.anonymous}</span>
              <button
                type="button"
                onClick={() => {
                  choose(undefined);
                  void session.signIn();
                }}
              >
                {t.signIn}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t.loading}</p>}>{page}</Suspense>
      </main>
    </>
  );
}
