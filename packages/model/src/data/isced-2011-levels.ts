// Generated from packages/model/data/isced-2011-levels.json by scripts/generate-data.mjs; do not edit.
export const ISCED_2011_LEVELS_DATA = {
 "name": "ISCED 2011 levels of education (with ISCED-P 3-digit codes for levels 2-4)",
 "source": [
  "UNESCO Institute for Statistics (2012) International Standard Classification of Education ISCED 2011, adopted by 36th UNESCO General Conference Nov 2011 (36 C/19)",
  "Eurostat RAMON CL_ISCED11 aggregate codes ED0..ED9 (http://ec.europa.eu/eurostat/ramon/nomenclatures/index.cfm?TargetUrl=LST_NOM_DTL&StrNom=CL_ISCED11)"
 ],
 "notes": [
  "3-digit ISCED-P codes: 1st digit = level, 2nd = orientation (4 general, 5 vocational), 3rd = completion/access (1 insufficient for completion, 2 partial completion, 3 completion without direct access, 4 completion with direct access to next level; level 4 has no category 2). In ISCED-A (attainment), programmes in category 1 count as attainment of the level below. Compiled from the UIS 2012 ISCED 2011 coding scheme; verify wording against the UIS publication (ISBN 978-92-9189-123-8) before shipping.",
  "Levels 5-8 have their own 2nd/3rd digit schemes (level 6/7: 4 academic, 5 professional, 6 unspecified; 3rd digit first/long-first/second degree) - not needed for school placement; add if tertiary scope.",
  "No canonical dereferenceable URI per ISCED 2011 level was found (EU Vocabularies publish ISCED-F 2013 and EQF, not ISCED 2011 levels) - mint project URIs and keep targetFramework='ISCED 2011', targetCode=<code>."
 ],
 "items": [
  {
   "code": "0",
   "label_en": "Early childhood education",
   "eurostatCode": "ED0",
   "kind": "level"
  },
  {
   "code": "01",
   "label_en": "Early childhood educational development (typically age 0-2)",
   "parent": "0",
   "kind": "subcategory"
  },
  {
   "code": "02",
   "label_en": "Pre-primary education (age 3 to start of primary)",
   "parent": "0",
   "kind": "subcategory"
  },
  {
   "code": "1",
   "label_en": "Primary education",
   "eurostatCode": "ED1",
   "kind": "level"
  },
  {
   "code": "100",
   "label_en": "Primary education",
   "parent": "1",
   "kind": "subcategory"
  },
  {
   "code": "2",
   "label_en": "Lower secondary education",
   "eurostatCode": "ED2",
   "kind": "level"
  },
  {
   "code": "3",
   "label_en": "Upper secondary education",
   "eurostatCode": "ED3",
   "kind": "level"
  },
  {
   "code": "4",
   "label_en": "Post-secondary non-tertiary education",
   "eurostatCode": "ED4",
   "kind": "level"
  },
  {
   "code": "5",
   "label_en": "Short-cycle tertiary education",
   "eurostatCode": "ED5",
   "kind": "level"
  },
  {
   "code": "6",
   "label_en": "Bachelor's or equivalent level",
   "eurostatCode": "ED6",
   "kind": "level"
  },
  {
   "code": "7",
   "label_en": "Master's or equivalent level",
   "eurostatCode": "ED7",
   "kind": "level"
  },
  {
   "code": "8",
   "label_en": "Doctoral or equivalent level",
   "eurostatCode": "ED8",
   "kind": "level"
  },
  {
   "code": "9",
   "label_en": "Not elsewhere classified",
   "eurostatCode": "ED9",
   "kind": "level"
  },
  {
   "code": "241",
   "label_en": "ISCED 2 (general): insufficient for level completion or partial level completion",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "242",
   "label_en": "ISCED 2 (general): sufficient for partial level completion, without direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "243",
   "label_en": "ISCED 2 (general): sufficient for level completion, without direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "244",
   "label_en": "ISCED 2 (general): sufficient for level completion, with direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "251",
   "label_en": "ISCED 2 (vocational): insufficient for level completion or partial level completion",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "252",
   "label_en": "ISCED 2 (vocational): sufficient for partial level completion, without direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "253",
   "label_en": "ISCED 2 (vocational): sufficient for level completion, without direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "254",
   "label_en": "ISCED 2 (vocational): sufficient for level completion, with direct access to upper secondary education (ISCED 3)",
   "parent": "2",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "341",
   "label_en": "ISCED 3 (general): insufficient for level completion or partial level completion",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "342",
   "label_en": "ISCED 3 (general): sufficient for partial level completion, without direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "343",
   "label_en": "ISCED 3 (general): sufficient for level completion, without direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "344",
   "label_en": "ISCED 3 (general): sufficient for level completion, with direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "351",
   "label_en": "ISCED 3 (vocational): insufficient for level completion or partial level completion",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "352",
   "label_en": "ISCED 3 (vocational): sufficient for partial level completion, without direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "353",
   "label_en": "ISCED 3 (vocational): sufficient for level completion, without direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "354",
   "label_en": "ISCED 3 (vocational): sufficient for level completion, with direct access to first tertiary programmes (ISCED 5, 6 or 7)",
   "parent": "3",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "441",
   "label_en": "ISCED 4 (general): insufficient for level completion or partial level completion",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "443",
   "label_en": "ISCED 4 (general): sufficient for level completion, without direct access to tertiary education (ISCED 5, 6 or 7)",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "444",
   "label_en": "ISCED 4 (general): sufficient for level completion, with direct access to tertiary education (ISCED 5, 6 or 7)",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "451",
   "label_en": "ISCED 4 (vocational): insufficient for level completion or partial level completion",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "453",
   "label_en": "ISCED 4 (vocational): sufficient for level completion, without direct access to tertiary education (ISCED 5, 6 or 7)",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  },
  {
   "code": "454",
   "label_en": "ISCED 4 (vocational): sufficient for level completion, with direct access to tertiary education (ISCED 5, 6 or 7)",
   "parent": "4",
   "kind": "programme-code (ISCED-P 3-digit)"
  }
 ]
} as const;
