// @lp/web-kit: what the verifier and wallet pages share in the browser (languages, i18next
// setup, the camera scan loop, downloads, the service worker). The Node side (esbuild bundling,
// the static router, the service worker template) is '@lp/web-kit/node'.
export { LANGUAGES, RTL, detectLanguage, intlLocales, isReviewed } from './languages.ts';
export type { LanguageCode } from './languages.ts';
export { setupI18n, applyDocumentLanguage, currentLanguage, currentIntlLocales, hasMessage, t } from './setup-i18n.ts';
export type { I18nSetup, Translate } from './setup-i18n.ts';
// The camera and photo reading (CameraScanner, decodeFrame) is '@lp/web-kit/scan', loaded on use.
export { renderSentence, isolate } from './render-sentence.ts';
export { checkLocale } from './check-locale.ts';
export type { MessageTree } from './check-locale.ts';
export { saveDownload } from './save-download.ts';
export { registerServiceWorker } from './register-service-worker.ts';
export { fetchMessages } from './fetch-messages.ts';
export { takeEarlyFetch } from './take-early-fetch.ts';
