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
  | 'awarded'
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
    awarded: 'Awarded',
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
    awarded: 'تاريخ المنح',
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
    awarded: 'Décerné le',
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
    awarded: 'تاریخ اعطا',
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
    awarded: 'Дата присудження',
    verifyOffline: 'Перевірка офлайн: відскануйте код верифікатором Learning Passport',
    page: 'Сторінка',
  },
  es: {
    certificateOfResults: 'Certificado de resultados',
    learner: 'Estudiante',
    dateOfBirth: 'Fecha de nacimiento',
    candidateNumber: 'Número de candidato',
    session: 'Convocatoria',
    subject: 'Asignatura',
    code: 'Código',
    result: 'Resultado',
    scanToVerify: 'Escanear para verificar',
    pickupCode: 'Código de retirada',
    pickupInstruction: 'Use este código una sola vez para recibir el expediente completo en su cartera digital.',
    pickupInstructionUrl: 'Escanee el cuadrado, o abra esta dirección y escriba el código, para recibir sus expedientes. Sirve una sola vez.',
    issued: 'Emitido el',
    awarded: 'Otorgado el',
    verifyOffline: 'Verificación sin conexión: escanee el código con un verificador Learning Passport',
    page: 'Página',
  },
  tr: {
    certificateOfResults: 'Sonuç belgesi',
    learner: 'Öğrenci',
    dateOfBirth: 'Doğum tarihi',
    candidateNumber: 'Aday numarası',
    session: 'Sınav dönemi',
    subject: 'Ders',
    code: 'Kod',
    result: 'Sonuç',
    scanToVerify: 'Doğrulamak için tarayın',
    pickupCode: 'Teslim alma kodu',
    pickupInstruction: 'Tam kaydı dijital cüzdanınıza almak için bu kodu bir kez kullanın.',
    pickupInstructionUrl: 'Kayıtlarınızı almak için kareyi tarayın ya da bu adresi açıp kodu yazın. Yalnızca bir kez çalışır.',
    issued: 'Düzenlenme tarihi',
    awarded: 'Veriliş tarihi',
    verifyOffline: 'Çevrimdışı doğrulama: kodu bir Learning Passport doğrulayıcısıyla tarayın',
    page: 'Sayfa',
  },
  // Dari where its wording differs from Persian: شهادت‌نامه, متعلم, نمبر, مضمون, کود, تصدیق.
  prs: {
    certificateOfResults: 'شهادت‌نامهٔ نتایج',
    learner: 'متعلم',
    dateOfBirth: 'تاریخ تولد',
    candidateNumber: 'نمبر کاندید',
    session: 'دور امتحان',
    subject: 'مضمون',
    code: 'کود',
    result: 'نتیجه',
    scanToVerify: 'برای تصدیق اسکن کنید',
    pickupCode: 'کود دریافت',
    pickupInstruction: 'این کود را فقط یک بار برای دریافت سند کامل در بکس دیجیتالی خود به کار ببرید.',
    pickupInstructionUrl: 'برای دریافت اسناد خود، مربع را اسکن کنید یا این آدرس را باز کنید و کود را بنویسید. فقط یک بار کار می‌کند.',
    issued: 'تاریخ صدور',
    awarded: 'تاریخ اعطا',
    verifyOffline: 'تصدیق بدون انترنت: کود را با یک تصدیق‌کنندهٔ Learning Passport اسکن کنید',
    page: 'صفحه',
  },
  ps: {
    certificateOfResults: 'د پایلو شهادتنامه',
    learner: 'زده کوونکی',
    dateOfBirth: 'د زېږېدو نېټه',
    candidateNumber: 'د کاندید شمېره',
    session: 'د ازموینې دوره',
    subject: 'مضمون',
    code: 'کوډ',
    result: 'پایله',
    scanToVerify: 'د تصدیق لپاره سکن کړئ',
    pickupCode: 'د ترلاسه کولو کوډ',
    pickupInstruction: 'دا کوډ یوازې یو ځل وکاروئ څو بشپړ سند په خپله ډیجیټل بټوه کې ترلاسه کړئ.',
    pickupInstructionUrl: 'د خپلو اسنادو د ترلاسه کولو لپاره مربع سکن کړئ، یا دا پته پرانیزئ او کوډ ولیکئ. یوازې یو ځل کار کوي.',
    issued: 'د صدور نېټه',
    awarded: 'د ورکړې نېټه',
    verifyOffline: 'آفلاین تصدیق: کوډ د Learning Passport په تصدیقوونکي سکن کړئ',
    page: 'پاڼه',
  },
  // Pakistani examination boards print the candidate number as رول نمبر (roll number).
  ur: {
    certificateOfResults: 'نتائج کی سند',
    learner: 'طالب علم',
    dateOfBirth: 'تاریخِ پیدائش',
    candidateNumber: 'رول نمبر',
    session: 'امتحانی سیشن',
    subject: 'مضمون',
    code: 'کوڈ',
    result: 'نتیجہ',
    scanToVerify: 'تصدیق کے لیے اسکین کریں',
    pickupCode: 'وصولی کوڈ',
    pickupInstruction: 'مکمل ریکارڈ اپنے ڈیجیٹل والٹ میں حاصل کرنے کے لیے یہ کوڈ ایک بار استعمال کریں۔',
    pickupInstructionUrl: 'اپنے ریکارڈ حاصل کرنے کے لیے چوکور اسکین کریں، یا یہ پتہ کھول کر کوڈ لکھیں۔ صرف ایک بار کام کرتا ہے۔',
    issued: 'تاریخِ اجرا',
    awarded: 'تاریخِ عطا',
    verifyOffline: 'آف لائن تصدیق: کوڈ کو Learning Passport تصدیق کنندہ سے اسکین کریں',
    page: 'صفحہ',
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

/** Messages for a language tag ('fa-AF' → Dari, 'ur-PK' → 'ur'), or undefined when the table has none. */
export function messagesFor(lang: string): CertificateMessages | undefined {
  const tag = lang.toLowerCase();
  // Persian of Afghanistan is Dari (CLDR files Dari as fa-AF).
  if (tag === 'fa-af' || tag.startsWith('fa-af-')) return CERTIFICATE_MESSAGES.prs;
  return CERTIFICATE_MESSAGES[tag] ?? CERTIFICATE_MESSAGES[primarySubtag(lang)];
}
