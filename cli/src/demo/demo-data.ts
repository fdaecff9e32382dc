// The DEMO examination body's fixed content: names, a small catalogue and sample learners. Every
// name says DEMO so that nobody mistakes it for a real body (DESIGN.md "Runtime": a clearly
// labelled demo examination body created on first start).
import type { CatalogueAchievementInput } from '@lp/model';

/** Documented, not secret: unlocks the demo keys and the demo wallet backups. */
export const DEMO_PASSPHRASE = 'demo-passphrase-DEMO';

export const DEMO_ISSUER_NAMES: Record<string, string> = {
  en: 'DEMO Examination Board (sample data, not a real body)',
  fr: "Office d'examens DÉMO (données d'exemple, organisme fictif)",
  ar: 'هيئة امتحانات تجريبية DEMO (بيانات نموذجية، ليست جهة حقيقية)',
};

export const DEMO_ACHIEVEMENT_BASE = 'https://demo.learning-passport.example/achievements';
/**
 * The examination session of the sample results (cli/src/demo/demo-results.csv): the year the
 * DEMO is created, so that its certificates never name a session older than their issue date.
 */
export function demoSession(now: Date): string {
  return `DEMO session ${now.getUTCFullYear()}`;
}

export const DEMO_CATALOGUE: CatalogueAchievementInput[] = [
  {
    code: 'DEMO-MATH',
    id: `${DEMO_ACHIEVEMENT_BASE}/grade9/mathematics`,
    achievementType: 'Assessment',
    names: {
      en: 'DEMO Grade 9 Examination – Mathematics',
      fr: 'Examen DÉMO de 9e année – Mathématiques',
      ar: 'امتحان الصف التاسع التجريبي – الرياضيات',
      fa: 'امتحان نمایشی پایه نهم – ریاضیات',
      uk: 'ДЕМО іспит 9 класу – Математика',
    },
    iscedLevel: '244',
    iscedField: '0541',
    languageOfAssessment: 'ar',
    resultDescriptions: [
      { id: 'score', resultType: 'RawScore', names: { en: 'Score (0–100)', fr: 'Note (0–100)', ar: 'الدرجة (0–100)' }, valueMin: '0', valueMax: '100', requiredValue: '50' },
    ],
  },
  {
    code: 'DEMO-SCI',
    id: `${DEMO_ACHIEVEMENT_BASE}/grade9/science`,
    achievementType: 'Assessment',
    names: {
      en: 'DEMO Grade 9 Examination – Science',
      fr: 'Examen DÉMO de 9e année – Sciences',
      ar: 'امتحان الصف التاسع التجريبي – العلوم',
      fa: 'امتحان نمایشی پایه نهم – علوم',
      uk: 'ДЕМО іспит 9 класу – Природничі науки',
    },
    iscedLevel: '244',
    iscedField: '0511',
    languageOfAssessment: 'ar',
    resultDescriptions: [
      { id: 'score', resultType: 'RawScore', names: { en: 'Score (0–100)', fr: 'Note (0–100)', ar: 'الدرجة (0–100)' }, valueMin: '0', valueMax: '100', requiredValue: '50' },
    ],
  },
  {
    code: 'DEMO-ARABIC',
    id: `${DEMO_ACHIEVEMENT_BASE}/grade9/arabic`,
    achievementType: 'Assessment',
    names: {
      en: 'DEMO Grade 9 Examination – Arabic Language',
      fr: 'Examen DÉMO de 9e année – Langue arabe',
      ar: 'امتحان الصف التاسع التجريبي – اللغة العربية',
    },
    iscedLevel: '244',
    iscedField: '0231',
    languageOfAssessment: 'ar',
    resultDescriptions: [
      { id: 'score', resultType: 'RawScore', names: { en: 'Score (0–100)', fr: 'Note (0–100)', ar: 'الدرجة (0–100)' }, valueMin: '0', valueMax: '100', requiredValue: '50' },
    ],
  },
];
