import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App';
import { startSession } from './auth/session';
import { SessionProvider } from './auth/session-context';
import { PurposeProvider } from './auth/purpose';
import { createClient } from './graphql/client';
import { LanguageProvider } from './i18n/language';
import { loadSettings } from './settings';
import './styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const session = await startSession(await loadSettings());
  root.render(
    <SessionProvider session={session}>
      <Provider value={createClient(session)}>
        <LanguageProvider>
          <PurposeProvider>
            <App />
          </PurposeProvider>
        </LanguageProvider>
      </Provider>
    </SessionProvider>,
  );
}

void boot();
