import ar from '../locales/ar.json';
import en from '../locales/en.json';
import fa from '../locales/fa.json';
import fr from '../locales/fr.json';
import uk from '../locales/uk.json';

/** The message files, bundled into the page's JavaScript so they are cached (offline) with it. */
export function loadResources() {
  return { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar }, fa: { translation: fa }, uk: { translation: uk } };
}
