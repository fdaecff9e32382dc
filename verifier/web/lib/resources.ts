import ar from '../locales/ar.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import fa from '../locales/fa.json' with { type: 'json' };
import fr from '../locales/fr.json' with { type: 'json' };
import uk from '../locales/uk.json' with { type: 'json' };

/** The message files, bundled into the page's JavaScript so they are cached (offline) with it. */
export function loadResources() {
  return { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar }, fa: { translation: fa }, uk: { translation: uk } };
}
