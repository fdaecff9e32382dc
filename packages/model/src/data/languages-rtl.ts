// Generated from packages/model/data/languages-rtl.json by scripts/generate-data.mjs; do not edit.
export const LANGUAGES_RTL_DATA = {
 "name": "Languages relevant to refugee-hosting education contexts, with default text direction",
 "source": "BCP 47 / IANA Language Subtag Registry (codes); direction per script (Unicode CLDR script metadata). Selection is the author's, based on largest refugee origin countries (Syria, Afghanistan, South Sudan, Sudan, Ukraine, Myanmar, DR Congo, Somalia, Eritrea) - review with programme staff.",
 "rule": "Derive direction from script subtag when present (e.g. 'rhg-Rohg' -> rtl, 'ha-Arab' -> rtl, 'ku-Arab' -> rtl); otherwise from the language default below.",
 "items": [
  {
   "tag": "ar",
   "name_en": "Arabic",
   "autonym": "العربية",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "fa",
   "name_en": "Persian (Farsi)",
   "autonym": "فارسی",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "prs",
   "name_en": "Dari",
   "autonym": "دری",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "ps",
   "name_en": "Pashto",
   "autonym": "پښتو",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "ur",
   "name_en": "Urdu",
   "autonym": "اردو",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "ckb",
   "name_en": "Central Kurdish (Sorani)",
   "autonym": "کوردی",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "kmr",
   "name_en": "Northern Kurdish (Kurmanji)",
   "autonym": "Kurmancî",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "he",
   "name_en": "Hebrew",
   "autonym": "עברית",
   "defaultDirection": "rtl",
   "script": "Hebr"
  },
  {
   "tag": "ug",
   "name_en": "Uyghur",
   "autonym": "ئۇيغۇرچە",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "dv",
   "name_en": "Dhivehi",
   "autonym": "ދިވެހި",
   "defaultDirection": "rtl",
   "script": "Thaa"
  },
  {
   "tag": "sd",
   "name_en": "Sindhi",
   "autonym": "سنڌي",
   "defaultDirection": "rtl",
   "script": "Arab"
  },
  {
   "tag": "so",
   "name_en": "Somali",
   "autonym": "Soomaali",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "ti",
   "name_en": "Tigrinya",
   "autonym": "ትግርኛ",
   "defaultDirection": "ltr",
   "script": "Ethi"
  },
  {
   "tag": "am",
   "name_en": "Amharic",
   "autonym": "አማርኛ",
   "defaultDirection": "ltr",
   "script": "Ethi"
  },
  {
   "tag": "sw",
   "name_en": "Swahili",
   "autonym": "Kiswahili",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "fr",
   "name_en": "French",
   "autonym": "Français",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "en",
   "name_en": "English",
   "autonym": "English",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "es",
   "name_en": "Spanish",
   "autonym": "Español",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "pt",
   "name_en": "Portuguese",
   "autonym": "Português",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "uk",
   "name_en": "Ukrainian",
   "autonym": "Українська",
   "defaultDirection": "ltr",
   "script": "Cyrl"
  },
  {
   "tag": "ru",
   "name_en": "Russian",
   "autonym": "Русский",
   "defaultDirection": "ltr",
   "script": "Cyrl"
  },
  {
   "tag": "tr",
   "name_en": "Turkish",
   "autonym": "Türkçe",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "de",
   "name_en": "German",
   "autonym": "Deutsch",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "my",
   "name_en": "Burmese",
   "autonym": "မြန်မာ",
   "defaultDirection": "ltr",
   "script": "Mymr"
  },
  {
   "tag": "rhg",
   "name_en": "Rohingya",
   "autonym": "Ruáingga",
   "defaultDirection": "ltr",
   "script": "Latn (Hanifi Rohg script also used: rhg-Rohg, RTL)"
  },
  {
   "tag": "bn",
   "name_en": "Bengali",
   "autonym": "বাংলা",
   "defaultDirection": "ltr",
   "script": "Beng"
  },
  {
   "tag": "ln",
   "name_en": "Lingala",
   "autonym": "Lingála",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "rw",
   "name_en": "Kinyarwanda",
   "autonym": "Ikinyarwanda",
   "defaultDirection": "ltr",
   "script": "Latn"
  },
  {
   "tag": "ha",
   "name_en": "Hausa",
   "autonym": "Hausa",
   "defaultDirection": "ltr",
   "script": "Latn (Ajami: Arab, RTL)"
  }
 ]
} as const;
