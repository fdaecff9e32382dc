import type { CatalogueAchievement } from '@lp/model';

/**
 * The two catalogue entries a recognition statement is issued under. Being catalogue entries,
 * their names in every page language travel in the signed trust bundle and the QR seal carries
 * only the code and the placement (the result), so a statement seal stays as small as an exam
 * result's. The verifier's summary knows a statement by these codes.
 */
export const RECOGNITION_STATEMENT_CODE = 'RECOGNITION-PLACEMENT';
/** No paper survived: the placement rests on an interview and/or a placement test only. */
export const RECOGNITION_ASSESSMENT_ONLY_CODE = 'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY';

/**
 * The explanatory part the Council of Europe's European Qualifications Passport for Refugees
 * (EQPR) puts on every assessment: what it is, and that it is not a diploma nor a formal
 * recognition act.
 */
export const STATEMENT_EXPLANATION: Record<string, string> = {
  en: 'This statement records an assessment of the learner\'s prior learning made by the school or recognition office that signed it, to place the learner in its school system. It is an assessment, not a diploma: it certifies no completed grade and is not a formal recognition act. It is valid for the period stated.',
  fr: 'Cette attestation consigne une évaluation des acquis antérieurs de l\'élève faite par l\'école ou le bureau de reconnaissance qui l\'a signée, pour placer l\'élève dans son système scolaire. C\'est une évaluation, pas un diplôme : elle ne certifie aucune année achevée et n\'est pas un acte formel de reconnaissance. Elle est valable pour la durée indiquée.',
  ar: 'يسجّل هذا البيان تقييمًا للتعلّم السابق للمتعلّم أجرته المدرسة أو مكتب الاعتراف الذي وقّعه، لتحديد صفّه في نظامه المدرسي. إنه تقييم وليس شهادة: لا يثبت إتمام أي صف، وليس قرار اعتراف رسميًا. وهو صالح للمدة المذكورة.',
};

const RESULTS: CatalogueAchievement['resultDescriptions'] = [
  { id: 'placement', name: 'Placement (grade or programme)', resultType: 'ext:Placement' },
  { id: 'learning-support', name: 'Learning support needed in', resultType: 'ext:LearningSupport' },
  { id: 'language-support', name: 'Support in the language of instruction', resultType: 'ext:LanguageSupport' },
];

export const RECOGNITION_CATALOGUE: readonly CatalogueAchievement[] = [
  {
    code: RECOGNITION_STATEMENT_CODE,
    achievementType: 'Assessment',
    names: {
      en: 'Recognition statement: placement (an assessment, not a diploma)',
      fr: 'Attestation de reconnaissance : placement (une évaluation, pas un diplôme)',
      es: 'Declaración de reconocimiento: ubicación (una evaluación, no un diploma)',
      tr: 'Tanıma beyanı: sınıf yerleştirme (bir değerlendirme, diploma değildir)',
      uk: 'Заява про визнання: зарахування до класу (оцінювання, не диплом)',
      ar: 'بيان اعتراف: تحديد الصف (تقييم، وليس شهادة)',
      fa: 'بیانیهٔ شناسایی: تعیین پایه (ارزیابی، نه مدرک تحصیلی)',
      prs: 'اظهاریهٔ شناسایی: تعیین صنف (ارزیابی، نه شهادت‌نامه)',
      ps: 'د پېژندنې بیان: د ټولګي ټاکل (ارزونه، نه سند)',
      ur: 'اعترافی بیان: جماعت کا تعین (جائزہ، ڈپلوما نہیں)',
    },
    descriptions: STATEMENT_EXPLANATION,
    languageOfAssessment: 'en',
    resultDescriptions: RESULTS,
  },
  {
    code: RECOGNITION_ASSESSMENT_ONLY_CODE,
    achievementType: 'Assessment',
    names: {
      en: 'Recognition statement: placement from assessment only (no documents; not a diploma)',
      fr: 'Attestation de reconnaissance : placement sur évaluation seule (sans documents ; pas un diplôme)',
      es: 'Declaración de reconocimiento: ubicación solo por evaluación (sin documentos; no un diploma)',
      tr: 'Tanıma beyanı: yalnızca değerlendirmeyle yerleştirme (belge yok; diploma değildir)',
      uk: 'Заява про визнання: зарахування лише за оцінюванням (без документів; не диплом)',
      ar: 'بيان اعتراف: تحديد الصف بالتقييم وحده (دون وثائق؛ وليس شهادة)',
      fa: 'بیانیهٔ شناسایی: تعیین پایه فقط با ارزیابی (بدون مدرک؛ نه مدرک تحصیلی)',
      prs: 'اظهاریهٔ شناسایی: تعیین صنف تنها با ارزیابی (بدون اسناد؛ نه شهادت‌نامه)',
      ps: 'د پېژندنې بیان: یوازې د ارزونې له مخې د ټولګي ټاکل (پرته له اسنادو؛ نه سند)',
      ur: 'اعترافی بیان: صرف جائزے سے جماعت کا تعین (دستاویزات کے بغیر؛ ڈپلوما نہیں)',
    },
    descriptions: STATEMENT_EXPLANATION,
    languageOfAssessment: 'en',
    resultDescriptions: RESULTS,
  },
];

/** Issuer kinds whose `lp issuer init` seeds these entries: they decide placements. */
export const STATEMENT_ISSUER_KINDS: readonly string[] = ['school', 'recognition-body', 'ministry'];
