/**
 * Labels printed on certificates, per language. The product's i18n message files carry the same
 * keys; this local table keeps the PDF renderer self-contained (it runs in the issuer's batch jobs
 * without the web i18n setup). Translations other than English still want a native reviewer.
 */
export type CertificateMessageKey =
  | 'certificateOfResults'
  | 'learner'
  | 'dateOfBirth'
  | 'candidateNumber'
  | 'session'
  | 'subject'
  | 'code'
  | 'result'
  | 'scanToVerify'
  | 'pickupCode'
  | 'pickupInstruction'
  | 'pickupInstructionUrl'
  | 'issued'
  | 'verifyOffline'
  | 'page';

export type CertificateMessages = Readonly<Record<CertificateMessageKey, string>>;

export const CERTIFICATE_MESSAGES: Readonly<Record<string, CertificateMessages>> = {
  en: {
    certificateOfResults: 'Certificate of results',
    learner: 'Learner',
    dateOfBirth: 'Date of birth',
    candidateNumber: 'Candidate number',
    session: 'Session',
    subject: 'Subject',
    code: 'Code',
    result: 'Result',
    scanToVerify: 'Scan to verify',
    pickupCode: 'Pick-up code',
    pickupInstruction: 'Use this code once to receive the full record in your digital wallet.',
    pickupInstructionUrl: 'Scan the square, or open this address and type the code, to get your records. Works once.',
    issued: 'Issued',
    verifyOffline: 'Verify offline: scan the code with a Learning Passport verifier',
    page: 'Page',
  },
  ar: {
    certificateOfResults: 'شهادة نتائج',
    learner: 'المتعلم',
    dateOfBirth: 'تاريخ الميلاد',
    candidateNumber: 'رقم المرشح',
    session: 'الدورة',
    subject: 'المادة',
    code: 'الرمز',
    result: 'النتيجة',
    scanToVerify: 'امسح للتحقق',
    pickupCode: 'رمز الاستلام',
    pickupInstruction: 'استخدم هذا الرمز مرة واحدة لاستلام السجل الكامل في محفظتك الرقمية.',
    pickupInstructionUrl: 'امسح المربع، أو افتح هذا العنوان واكتب الرمز لتستلم سجلاتك. يعمل مرة واحدة.',
    issued: 'تاريخ الإصدار',
    verifyOffline: 'تحقق دون اتصال: امسح الرمز بتطبيق التحقق من Learning Passport',
    page: 'صفحة',
  },
  fr: {
    certificateOfResults: 'Certificat de résultats',
    learner: 'Apprenant',
    dateOfBirth: 'Date de naissance',
    candidateNumber: 'Numéro de candidat',
    session: 'Session',
    subject: 'Matière',
    code: 'Code',
    result: 'Résultat',
    scanToVerify: 'Scanner pour vérifier',
    pickupCode: 'Code de retrait',
    pickupInstruction: 'Utilisez ce code une seule fois pour recevoir le relevé complet dans votre portefeuille numérique.',
    pickupInstructionUrl: 'Scannez le carré, ou ouvrez cette adresse et tapez le code, pour recevoir vos relevés. Une seule fois.',
    issued: 'Délivré le',
    verifyOffline: 'Vérification hors ligne : scannez le code avec un vérificateur Learning Passport',
    page: 'Page',
  },
  fa: {
    certificateOfResults: 'گواهی نتایج',
    learner: 'دانش‌آموز',
    dateOfBirth: 'تاریخ تولد',
    candidateNumber: 'شماره داوطلب',
    session: 'نوبت امتحانی',
    subject: 'درس',
    code: 'کد',
    result: 'نتیجه',
    scanToVerify: 'برای تأیید اسکن کنید',
    pickupCode: 'کد دریافت',
    pickupInstruction: 'این کد را فقط یک بار برای دریافت سابقهٔ کامل در کیف پول دیجیتال خود به کار ببرید.',
    pickupInstructionUrl: 'مربع را اسکن کنید، یا این نشانی را باز کنید و کد را بنویسید تا سوابق خود را بگیرید. فقط یک بار.',
    issued: 'تاریخ صدور',
    verifyOffline: 'تأیید آفلاین: کد را با یک تأییدکنندهٔ Learning Passport اسکن کنید',
    page: 'صفحه',
  },
  uk: {
    certificateOfResults: 'Сертифікат результатів',
    learner: 'Здобувач освіти',
    dateOfBirth: 'Дата народження',
    candidateNumber: 'Номер кандидата',
    session: 'Сесія',
    subject: 'Предмет',
    code: 'Код',
    result: 'Результат',
    scanToVerify: 'Скануйте для перевірки',
    pickupCode: 'Код отримання',
    pickupInstruction: 'Використайте цей код один раз, щоб отримати повний запис у цифровому гаманці.',
    pickupInstructionUrl: 'Відскануйте квадрат або відкрийте цю адресу й введіть код, щоб отримати записи. Діє один раз.',
    issued: 'Дата видачі',
    verifyOffline: 'Перевірка офлайн: відскануйте код верифікатором Learning Passport',
    page: 'Сторінка',
  },
};

/** Scripts written right to left, by primary language subtag (Dari is 'prs' or 'fa-AF'). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'yi', 'ckb', 'sd', 'ug', 'dv']);

export function primarySubtag(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? lang;
}

export function isRtlLanguage(lang: string): boolean {
  return RTL_LANGUAGES.has(primarySubtag(lang));
}

/** Messages for a language tag ('fa-AF' → 'fa'), or undefined when the table has none. */
export function messagesFor(lang: string): CertificateMessages | undefined {
  return CERTIFICATE_MESSAGES[lang.toLowerCase()] ?? CERTIFICATE_MESSAGES[primarySubtag(lang)];
}
