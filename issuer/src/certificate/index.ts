export { renderCertificatePdf } from './render-certificate-pdf.ts';
export { CertificateInputSchema } from './z-certificate-input.ts';
export type { CertificateInput, CertificateAchievement } from './z-certificate-input.ts';
export { CertificateError } from './certificate-error.ts';
export type { CertificateErrorCode } from './certificate-error.ts';
export { CERTIFICATE_MESSAGES, messagesFor, isRtlLanguage } from './messages.ts';
export type { CertificateMessageKey, CertificateMessages } from './messages.ts';
