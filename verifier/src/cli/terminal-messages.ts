import { loadResources } from '../../web/lib/resources.ts';

/**
 * The words `lp verify` prints around the values, per language. The check messages and verdict
 * words come from the verifier page's message files (one translation of every check code for the
 * page and the terminal); this table holds only what a terminal line adds. `{{x}}` placeholders
 * as in the page files, so the same completeness check applies.
 */
export const TERMINAL_LABELS = {
  en: { learner: 'learner', born: 'born {{date}}', issuer: 'issuer', notInBundle: 'not in the trust bundle', achievement: 'achievement', result: 'result', level: 'level', awarded: 'awarded', signed: 'signed', validFrom: 'valid from', issued: 'issued', expires: 'expires {{date}}', trust: 'trust', bundle: 'bundle #{{sequence}} of {{issued}} ({{days}} days old), expires {{expires}}', expired: 'EXPIRED', statusAsOf: 'status as of {{date}}', note: 'note', verdict: 'verdict', monthsOf: '{{months}} of {{of}} months completed — grade not completed', months: '{{months}} months completed — grade not completed', termsOf: '{{terms}} of {{of}} terms completed — grade not completed', terms: '{{terms}} terms completed — grade not completed', competency: 'competency', hours: 'notional learning hours', grades: 'national grades' },
  fr: { learner: 'apprenant·e', born: 'né·e le {{date}}', issuer: 'émetteur', notInBundle: 'absent du paquet de confiance', achievement: 'acquis', result: 'résultat', level: 'niveau', awarded: 'décerné le', signed: 'signé le', validFrom: 'valable à partir du', issued: 'délivré le', expires: 'expire le {{date}}', trust: 'confiance', bundle: 'paquet n° {{sequence}} du {{issued}} (âge en jours : {{days}}), expire le {{expires}}', expired: 'EXPIRÉ', statusAsOf: 'révocations à jour au {{date}}', note: 'remarque', verdict: 'verdict', monthsOf: '{{months}} mois sur {{of}} accomplis — année non terminée', months: '{{months}} mois accomplis — année non terminée', termsOf: '{{terms}} trimestres sur {{of}} accomplis — année non terminée', terms: 'trimestres accomplis : {{terms}} — année non terminée', competency: 'compétence', hours: 'heures d\'apprentissage théoriques', grades: 'classes nationales' },
  es: { learner: 'estudiante', born: 'nacido/a el {{date}}', issuer: 'emisor', notInBundle: 'no figura en el paquete de confianza', achievement: 'logro', result: 'resultado', level: 'nivel', awarded: 'otorgado el', signed: 'firmado el', validFrom: 'válido desde', issued: 'emitido', expires: 'caduca el {{date}}', trust: 'confianza', bundle: 'paquete n.º {{sequence}} del {{issued}} (antigüedad en días: {{days}}), caduca el {{expires}}', expired: 'CADUCADO', statusAsOf: 'revocaciones a fecha de {{date}}', note: 'nota', verdict: 'veredicto', monthsOf: '{{months}} de {{of}} meses cursados — curso no terminado', months: '{{months}} meses cursados — curso no terminado', termsOf: '{{terms}} de {{of}} trimestres cursados — curso no terminado', terms: 'trimestres cursados: {{terms}} — curso no terminado', competency: 'competencia', hours: 'horas de aprendizaje nocionales', grades: 'cursos nacionales' },
  tr: { learner: 'öğrenci', born: 'doğum {{date}}', issuer: 'düzenleyen', notInBundle: 'güven paketinde yok', achievement: 'kazanım', result: 'sonuç', level: 'düzey', awarded: 'veriliş tarihi', signed: 'imzalanma', validFrom: 'geçerlilik başlangıcı', issued: 'düzenlenme', expires: 'bitiş {{date}}', trust: 'güven', bundle: '{{sequence}} numaralı paket, {{issued}} tarihli (yaşı gün olarak: {{days}}), bitiş {{expires}}', expired: 'SÜRESİ DOLDU', statusAsOf: 'iptal verileri {{date}} itibarıyla', note: 'not', verdict: 'karar', monthsOf: '{{of}} aydan {{months}} ay tamamlandı — sınıf tamamlanmadı', months: '{{months}} ay tamamlandı — sınıf tamamlanmadı', termsOf: '{{of}} dönemden {{terms}} dönem tamamlandı — sınıf tamamlanmadı', terms: '{{terms}} dönem tamamlandı — sınıf tamamlanmadı', competency: 'yeterlik', hours: 'öngörülen öğrenme saati', grades: 'ulusal sınıflar' },
  uk: { learner: 'учень', born: 'народж. {{date}}', issuer: 'видавець', notInBundle: 'немає в пакеті довіри', achievement: 'досягнення', result: 'результат', level: 'рівень', awarded: 'присуджено', signed: 'підписано', validFrom: 'чинний з', issued: 'видано', expires: 'діє до {{date}}', trust: 'довіра', bundle: 'пакет № {{sequence}} від {{issued}} (вік у днях: {{days}}), діє до {{expires}}', expired: 'ПРОСТРОЧЕНО', statusAsOf: 'дані про відкликання станом на {{date}}', note: 'примітка', verdict: 'висновок', monthsOf: 'завершено {{months}} з {{of}} місяців — клас не завершено', months: 'завершено місяців: {{months}} — клас не завершено', termsOf: 'завершено навчальних періодів: {{terms}} з {{of}} — клас не завершено', terms: 'завершено навчальних періодів: {{terms}} — клас не завершено', competency: 'компетентність', hours: 'умовні години навчання', grades: 'національні класи' },
  ar: { learner: 'المتعلّم', born: 'تاريخ الميلاد {{date}}', issuer: 'الجهة المُصدِرة', notInBundle: 'ليست في حزمة الثقة', achievement: 'الإنجاز', result: 'النتيجة', level: 'المستوى', awarded: 'تاريخ المنح', signed: 'تاريخ التوقيع', validFrom: 'صالح اعتباراً من', issued: 'تاريخ الإصدار', expires: 'تنتهي صلاحيته {{date}}', trust: 'الثقة', bundle: 'الحزمة رقم {{sequence}} بتاريخ {{issued}} (عمرها بالأيام: {{days}})، تنتهي صلاحيتها {{expires}}', expired: 'منتهية الصلاحية', statusAsOf: 'بيانات الإلغاء حتى {{date}}', note: 'ملاحظة', verdict: 'النتيجة', monthsOf: 'أُنجز {{months}} من {{of}} أشهر — الصف غير مكتمل', months: 'الأشهر المُنجزة: {{months}} — الصف غير مكتمل', termsOf: 'الفصول الدراسية المُنجزة: {{terms}} من {{of}} — الصف غير مكتمل', terms: 'الفصول الدراسية المُنجزة: {{terms}} — الصف غير مكتمل', competency: 'الكفاية', hours: 'ساعات التعلّم الاسمية', grades: 'الصفوف الوطنية' },
  fa: { learner: 'دانش‌آموز', born: 'تاریخ تولد {{date}}', issuer: 'صادرکننده', notInBundle: 'در بسته اعتماد نیست', achievement: 'دستاورد', result: 'نتیجه', level: 'سطح', awarded: 'تاریخ اعطا', signed: 'تاریخ امضا', validFrom: 'معتبر از', issued: 'تاریخ صدور', expires: 'انقضا {{date}}', trust: 'اعتماد', bundle: 'بسته شماره {{sequence}} به تاریخ {{issued}} (عمر به روز: {{days}})، انقضا {{expires}}', expired: 'منقضی شده', statusAsOf: 'داده‌های ابطال تا {{date}}', note: 'یادداشت', verdict: 'نتیجه', monthsOf: '{{months}} از {{of}} ماه گذرانده شد — پایه تمام نشده', months: 'ماه‌های گذرانده: {{months}} — پایه تمام نشده', termsOf: '{{terms}} از {{of}} ترم گذرانده شد — پایه تمام نشده', terms: 'ترم‌های گذرانده: {{terms}} — پایه تمام نشده', competency: 'شایستگی', hours: 'ساعت‌های یادگیری اسمی', grades: 'پایه‌های ملی' },
  prs: { learner: 'متعلم', born: 'تاریخ تولد {{date}}', issuer: 'صادرکننده', notInBundle: 'در بستهٔ اعتماد نیست', achievement: 'دستاورد', result: 'نتیجه', level: 'سطح', awarded: 'تاریخ اعطا', signed: 'تاریخ امضا', validFrom: 'معتبر از', issued: 'تاریخ صدور', expires: 'ختم اعتبار {{date}}', trust: 'اعتماد', bundle: 'بستهٔ نمبر {{sequence}} به تاریخ {{issued}} (عمر به روز: {{days}})، ختم اعتبار {{expires}}', expired: 'منقضی شده', statusAsOf: 'معلومات ابطال تا {{date}}', note: 'یادداشت', verdict: 'نتیجه', monthsOf: '{{months}} از {{of}} ماه سپری شد — صنف تکمیل نشده', months: 'ماه‌های سپری‌شده: {{months}} — صنف تکمیل نشده', termsOf: '{{terms}} از {{of}} ترم سپری شد — صنف تکمیل نشده', terms: 'ترم‌های سپری‌شده: {{terms}} — صنف تکمیل نشده', competency: 'شایستگی', hours: 'ساعت‌های آموزشی اسمی', grades: 'صنف‌های ملی' },
  ps: { learner: 'زده کوونکی', born: 'د زېږېدو نېټه {{date}}', issuer: 'صادروونکی', notInBundle: 'د باور په بسته کې نشته', achievement: 'لاسته راوړنه', result: 'پایله', level: 'کچه', awarded: 'د ورکړې نېټه', signed: 'د لاسلیک نېټه', validFrom: 'د اعتبار پیل', issued: 'د صدور نېټه', expires: 'پای {{date}}', trust: 'باور', bundle: 'بسته شمېره {{sequence}} د {{issued}} نېټې (عمر په ورځو: {{days}})، پای {{expires}}', expired: 'پای ته رسېدلې', statusAsOf: 'د لغوې معلومات تر {{date}} پورې', note: 'یادونه', verdict: 'پرېکړه', monthsOf: 'له {{of}} میاشتو {{months}} بشپړې شوې — ټولګی نه دی بشپړ شوی', months: 'بشپړې شوې میاشتې: {{months}} — ټولګی نه دی بشپړ شوی', termsOf: 'له {{of}} سمسترونو {{terms}} بشپړ شول — ټولګی نه دی بشپړ شوی', terms: 'بشپړ شوي سمسترونه: {{terms}} — ټولګی نه دی بشپړ شوی', competency: 'وړتیا', hours: 'د زده کړې اټکلي ساعتونه', grades: 'ملي ټولګي' },
  ur: { learner: 'طالب علم', born: 'تاریخِ پیدائش {{date}}', issuer: 'جاری کنندہ', notInBundle: 'ٹرسٹ بنڈل میں شامل نہیں', achievement: 'کامیابی', result: 'نتیجہ', level: 'سطح', awarded: 'تاریخِ عطا', signed: 'تاریخِ دستخط', validFrom: 'مؤثر از', issued: 'تاریخِ اجرا', expires: 'میعاد {{date}} تک', trust: 'اعتماد', bundle: 'بنڈل نمبر {{sequence}}، بتاریخ {{issued}} (عمر دنوں میں: {{days}})، میعاد {{expires}} تک', expired: 'میعاد ختم', statusAsOf: 'منسوخی کا ڈیٹا {{date}} تک', note: 'نوٹ', verdict: 'فیصلہ', monthsOf: '{{of}} میں سے {{months}} مہینے مکمل — جماعت مکمل نہیں', months: 'مکمل مہینے: {{months}} — جماعت مکمل نہیں', termsOf: '{{of}} میں سے {{terms}} ٹرمیں مکمل — جماعت مکمل نہیں', terms: 'مکمل ٹرمیں: {{terms}} — جماعت مکمل نہیں', competency: 'قابلیت', hours: 'متوقع تعلیمی گھنٹے', grades: 'قومی جماعتیں' },
} as const satisfies Record<string, Record<string, string>>;

export type TerminalLanguage = keyof typeof TERMINAL_LABELS;
type LabelKey = keyof (typeof TERMINAL_LABELS)['en'];

const RTL: ReadonlySet<string> = new Set(['ar', 'fa', 'prs', 'ps', 'ur']);

interface PageMessages { verdict: Record<string, string>; verdictExplain: Record<string, string>; code: Record<string, string> }
const PAGE = loadResources() as unknown as Record<TerminalLanguage, { translation: PageMessages }>;

export interface TerminalMessages {
  lang: TerminalLanguage;
  /** A label with its placeholders filled; right-to-left text isolated (RLI…PDI). */
  label(key: LabelKey, values?: Record<string, string | number>): string;
  /** The check's message in this language by its code, else the pipeline's own (English) message. */
  check(code: string, fallback: string): string;
  /** The verdict word and what it means, e.g. "VALIDE — Toutes les vérifications…". */
  verdict(verdict: string): string;
}

/** The table for a language tag: exact, Dari as `prs` or `fa-AF`, else the primary subtag, else English. */
export function terminalLanguageOf(tag: string | undefined): TerminalLanguage {
  const t = (tag ?? 'en').toLowerCase();
  if (t === 'fa-af' || t.startsWith('fa-af-')) return 'prs';
  if (t in TERMINAL_LABELS) return t as TerminalLanguage;
  const primary = t.split('-')[0] ?? '';
  return primary in TERMINAL_LABELS ? (primary as TerminalLanguage) : 'en';
}

/**
 * The terminal's words in one language. Right-to-left messages are wrapped in Unicode isolates
 * (U+2067…U+2069, UAX #9): a terminal with bidi support lays them out right to left without
 * reordering the codes and values around them; one without shows them in reading order.
 */
export function terminalMessagesFor(tag: string | undefined): TerminalMessages {
  const lang = terminalLanguageOf(tag);
  const iso = (s: string) => (RTL.has(lang) ? `\u2067${s}\u2069` : s);
  const page = PAGE[lang].translation;
  return {
    lang,
    label: (key, values = {}) => iso(TERMINAL_LABELS[lang][key].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name] ?? ''))),
    check: (code, fallback) => (lang === 'en' ? fallback : iso(page.code[code] ?? fallback)),
    verdict: (v) => iso(`${page.verdict[v] ?? v} — ${page.verdictExplain[v] ?? ''}`),
  };
}
