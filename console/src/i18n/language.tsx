// The interface language: Chinese unless the visitor switched (remembered in this browser).
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { MESSAGES, type Language, type Messages } from './messages';

const KEY = 'credit-console.language';

interface LanguageState {
  readonly language: Language;
  readonly t: Messages;
  toggle: () => void;
}

const LanguageContext = createContext<LanguageState | undefined>(undefined);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'));
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(KEY, language);
  }, [language]);
  const value: LanguageState = { language, t: MESSAGES[language], toggle: () => setLanguage((l) => (l === 'en' ? 'zh-CN' : 'en')) };
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}
