// Generated from packages/model/data/isced-f-2013.json by scripts/generate-data.mjs; do not edit.
export const ISCED_F_2013_DATA = {
 "source": "European Learning Model repo (european-commission-empl/European-Learning-Model @9d7c5d22, xsd/ams/cv/isced-f.xsd), EU Vocabularies ISCED-F 2013 concept scheme http://data.europa.eu/snb/isced-f/25831c2 ; classification = UNESCO UIS ISCED Fields of Education and Training 2013 (ISCED-F 2013)",
 "license": "EUPL-1.2 (repo); code list content from UNESCO-UIS ISCED-F 2013",
 "count": 220,
 "items": [
  {
   "code": "00",
   "level": "broad",
   "label_en": "Generic programmes and qualifications",
   "uri": "http://data.europa.eu/snb/isced-f/00"
  },
  {
   "code": "000",
   "level": "narrow",
   "label_en": "Generic programmes and qualifications not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/000"
  },
  {
   "code": "001",
   "level": "narrow",
   "label_en": "Basic programmes and qualifications",
   "uri": "http://data.europa.eu/snb/isced-f/001"
  },
  {
   "code": "002",
   "level": "narrow",
   "label_en": "Literacy and numeracy",
   "uri": "http://data.europa.eu/snb/isced-f/002"
  },
  {
   "code": "003",
   "level": "narrow",
   "label_en": "Personal skills and development",
   "uri": "http://data.europa.eu/snb/isced-f/003"
  },
  {
   "code": "009",
   "level": "narrow",
   "label_en": "Generic programmes and qualifications not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/009"
  },
  {
   "code": "0000",
   "level": "detailed",
   "label_en": "Generic programmes and qualifications not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0000"
  },
  {
   "code": "0011",
   "level": "detailed",
   "label_en": "Basic programmes and qualifications",
   "uri": "http://data.europa.eu/snb/isced-f/0011"
  },
  {
   "code": "0021",
   "level": "detailed",
   "label_en": "Literacy and numeracy",
   "uri": "http://data.europa.eu/snb/isced-f/0021"
  },
  {
   "code": "0031",
   "level": "detailed",
   "label_en": "Personal skills and development",
   "uri": "http://data.europa.eu/snb/isced-f/0031"
  },
  {
   "code": "0099",
   "level": "detailed",
   "label_en": "Generic programmes and qualifications not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0099"
  },
  {
   "code": "01",
   "level": "broad",
   "label_en": "Education",
   "uri": "http://data.europa.eu/snb/isced-f/01"
  },
  {
   "code": "011",
   "level": "narrow",
   "label_en": "Education",
   "uri": "http://data.europa.eu/snb/isced-f/011"
  },
  {
   "code": "018",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving education",
   "uri": "http://data.europa.eu/snb/isced-f/018"
  },
  {
   "code": "0110",
   "level": "detailed",
   "label_en": "Education not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0110"
  },
  {
   "code": "0111",
   "level": "detailed",
   "label_en": "Education science",
   "uri": "http://data.europa.eu/snb/isced-f/0111"
  },
  {
   "code": "0112",
   "level": "detailed",
   "label_en": "Training for pre-school teachers",
   "uri": "http://data.europa.eu/snb/isced-f/0112"
  },
  {
   "code": "0113",
   "level": "detailed",
   "label_en": "Teacher training without subject specialisation",
   "uri": "http://data.europa.eu/snb/isced-f/0113"
  },
  {
   "code": "0114",
   "level": "detailed",
   "label_en": "Teacher training with subject specialisation",
   "uri": "http://data.europa.eu/snb/isced-f/0114"
  },
  {
   "code": "0119",
   "level": "detailed",
   "label_en": "Education not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0119"
  },
  {
   "code": "0188",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving education",
   "uri": "http://data.europa.eu/snb/isced-f/0188"
  },
  {
   "code": "02",
   "level": "broad",
   "label_en": "Arts and humanities",
   "uri": "http://data.europa.eu/snb/isced-f/02"
  },
  {
   "code": "020",
   "level": "narrow",
   "label_en": "Arts and humanities not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/020"
  },
  {
   "code": "021",
   "level": "narrow",
   "label_en": "Arts",
   "uri": "http://data.europa.eu/snb/isced-f/021"
  },
  {
   "code": "022",
   "level": "narrow",
   "label_en": "Humanities (except languages)",
   "uri": "http://data.europa.eu/snb/isced-f/022"
  },
  {
   "code": "023",
   "level": "narrow",
   "label_en": "Languages",
   "uri": "http://data.europa.eu/snb/isced-f/023"
  },
  {
   "code": "028",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving arts and humanities",
   "uri": "http://data.europa.eu/snb/isced-f/028"
  },
  {
   "code": "029",
   "level": "narrow",
   "label_en": "Arts and humanities not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/029"
  },
  {
   "code": "0200",
   "level": "detailed",
   "label_en": "Arts and humanities not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0200"
  },
  {
   "code": "0210",
   "level": "detailed",
   "label_en": "Arts not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0210"
  },
  {
   "code": "0211",
   "level": "detailed",
   "label_en": "Audio-visual techniques and media production",
   "uri": "http://data.europa.eu/snb/isced-f/0211"
  },
  {
   "code": "0212",
   "level": "detailed",
   "label_en": "Fashion, interior and industrial design",
   "uri": "http://data.europa.eu/snb/isced-f/0212"
  },
  {
   "code": "0213",
   "level": "detailed",
   "label_en": "Fine arts",
   "uri": "http://data.europa.eu/snb/isced-f/0213"
  },
  {
   "code": "0214",
   "level": "detailed",
   "label_en": "Handicrafts",
   "uri": "http://data.europa.eu/snb/isced-f/0214"
  },
  {
   "code": "0215",
   "level": "detailed",
   "label_en": "Music and performing arts",
   "uri": "http://data.europa.eu/snb/isced-f/0215"
  },
  {
   "code": "0219",
   "level": "detailed",
   "label_en": "Arts not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0219"
  },
  {
   "code": "0220",
   "level": "detailed",
   "label_en": "Humanities (except languages) not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0220"
  },
  {
   "code": "0221",
   "level": "detailed",
   "label_en": "Religion and theology",
   "uri": "http://data.europa.eu/snb/isced-f/0221"
  },
  {
   "code": "0222",
   "level": "detailed",
   "label_en": "History and archaeology",
   "uri": "http://data.europa.eu/snb/isced-f/0222"
  },
  {
   "code": "0223",
   "level": "detailed",
   "label_en": "Philosophy and ethics",
   "uri": "http://data.europa.eu/snb/isced-f/0223"
  },
  {
   "code": "0228",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving humanities",
   "uri": "http://data.europa.eu/snb/isced-f/0228"
  },
  {
   "code": "0229",
   "level": "detailed",
   "label_en": "Humanities (except languages) not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0229"
  },
  {
   "code": "0230",
   "level": "detailed",
   "label_en": "Languages not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0230"
  },
  {
   "code": "0231",
   "level": "detailed",
   "label_en": "Language acquisition",
   "uri": "http://data.europa.eu/snb/isced-f/0231"
  },
  {
   "code": "0232",
   "level": "detailed",
   "label_en": "Literature and linguistics",
   "uri": "http://data.europa.eu/snb/isced-f/0232"
  },
  {
   "code": "0239",
   "level": "detailed",
   "label_en": "Languages not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0239"
  },
  {
   "code": "0288",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving arts and humanities",
   "uri": "http://data.europa.eu/snb/isced-f/0288"
  },
  {
   "code": "0299",
   "level": "detailed",
   "label_en": "Arts and humanities not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0299"
  },
  {
   "code": "03",
   "level": "broad",
   "label_en": "Social sciences, journalism and information",
   "uri": "http://data.europa.eu/snb/isced-f/03"
  },
  {
   "code": "030",
   "level": "narrow",
   "label_en": "Social sciences, journalism and information not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/030"
  },
  {
   "code": "031",
   "level": "narrow",
   "label_en": "Social and behavioural sciences",
   "uri": "http://data.europa.eu/snb/isced-f/031"
  },
  {
   "code": "032",
   "level": "narrow",
   "label_en": "Journalism and information",
   "uri": "http://data.europa.eu/snb/isced-f/032"
  },
  {
   "code": "038",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving social sciences, journalism and information",
   "uri": "http://data.europa.eu/snb/isced-f/038"
  },
  {
   "code": "039",
   "level": "narrow",
   "label_en": "Social sciences, journalism and information not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/039"
  },
  {
   "code": "0300",
   "level": "detailed",
   "label_en": "Social sciences, journalism and information not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0300"
  },
  {
   "code": "0310",
   "level": "detailed",
   "label_en": "Social and behavioural sciences not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0310"
  },
  {
   "code": "0311",
   "level": "detailed",
   "label_en": "Economics",
   "uri": "http://data.europa.eu/snb/isced-f/0311"
  },
  {
   "code": "0312",
   "level": "detailed",
   "label_en": "Political sciences and civics",
   "uri": "http://data.europa.eu/snb/isced-f/0312"
  },
  {
   "code": "0313",
   "level": "detailed",
   "label_en": "Psychology",
   "uri": "http://data.europa.eu/snb/isced-f/0313"
  },
  {
   "code": "0314",
   "level": "detailed",
   "label_en": "Sociology and cultural studies",
   "uri": "http://data.europa.eu/snb/isced-f/0314"
  },
  {
   "code": "0319",
   "level": "detailed",
   "label_en": "Social and behavioural sciences not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0319"
  },
  {
   "code": "0320",
   "level": "detailed",
   "label_en": "Journalism and information not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0320"
  },
  {
   "code": "0321",
   "level": "detailed",
   "label_en": "Journalism and reporting",
   "uri": "http://data.europa.eu/snb/isced-f/0321"
  },
  {
   "code": "0322",
   "level": "detailed",
   "label_en": "Library, information and archival studies",
   "uri": "http://data.europa.eu/snb/isced-f/0322"
  },
  {
   "code": "0329",
   "level": "detailed",
   "label_en": "Journalism and information not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0329"
  },
  {
   "code": "0388",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving social sciences, journalism and information",
   "uri": "http://data.europa.eu/snb/isced-f/0388"
  },
  {
   "code": "0399",
   "level": "detailed",
   "label_en": "Social sciences, journalism and information not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0399"
  },
  {
   "code": "04",
   "level": "broad",
   "label_en": "Business, administration and law",
   "uri": "http://data.europa.eu/snb/isced-f/04"
  },
  {
   "code": "040",
   "level": "narrow",
   "label_en": "Business, administration and law not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/040"
  },
  {
   "code": "041",
   "level": "narrow",
   "label_en": "Business and administration",
   "uri": "http://data.europa.eu/snb/isced-f/041"
  },
  {
   "code": "042",
   "level": "narrow",
   "label_en": "Law",
   "uri": "http://data.europa.eu/snb/isced-f/042"
  },
  {
   "code": "048",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving business, administration and law",
   "uri": "http://data.europa.eu/snb/isced-f/048"
  },
  {
   "code": "049",
   "level": "narrow",
   "label_en": "Business, administration and law not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/049"
  },
  {
   "code": "0400",
   "level": "detailed",
   "label_en": "Business, administration and law not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0400"
  },
  {
   "code": "0410",
   "level": "detailed",
   "label_en": "Business and administration not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0410"
  },
  {
   "code": "0411",
   "level": "detailed",
   "label_en": "Accounting and taxation",
   "uri": "http://data.europa.eu/snb/isced-f/0411"
  },
  {
   "code": "0412",
   "level": "detailed",
   "label_en": "Finance, banking and insurance",
   "uri": "http://data.europa.eu/snb/isced-f/0412"
  },
  {
   "code": "0413",
   "level": "detailed",
   "label_en": "Management and administration",
   "uri": "http://data.europa.eu/snb/isced-f/0413"
  },
  {
   "code": "0414",
   "level": "detailed",
   "label_en": "Marketing and advertising",
   "uri": "http://data.europa.eu/snb/isced-f/0414"
  },
  {
   "code": "0415",
   "level": "detailed",
   "label_en": "Secretarial and office work",
   "uri": "http://data.europa.eu/snb/isced-f/0415"
  },
  {
   "code": "0416",
   "level": "detailed",
   "label_en": "Wholesale and retail sales",
   "uri": "http://data.europa.eu/snb/isced-f/0416"
  },
  {
   "code": "0417",
   "level": "detailed",
   "label_en": "Work skills",
   "uri": "http://data.europa.eu/snb/isced-f/0417"
  },
  {
   "code": "0419",
   "level": "detailed",
   "label_en": "Business and administration not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0419"
  },
  {
   "code": "0421",
   "level": "detailed",
   "label_en": "Law",
   "uri": "http://data.europa.eu/snb/isced-f/0421"
  },
  {
   "code": "0488",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving business, administration and law",
   "uri": "http://data.europa.eu/snb/isced-f/0488"
  },
  {
   "code": "0499",
   "level": "detailed",
   "label_en": "Business, administration and law not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0499"
  },
  {
   "code": "05",
   "level": "broad",
   "label_en": "Natural sciences, mathematics and statistics",
   "uri": "http://data.europa.eu/snb/isced-f/05"
  },
  {
   "code": "050",
   "level": "narrow",
   "label_en": "Natural sciences, mathematics and statistics not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/050"
  },
  {
   "code": "051",
   "level": "narrow",
   "label_en": "Biological and related sciences",
   "uri": "http://data.europa.eu/snb/isced-f/051"
  },
  {
   "code": "052",
   "level": "narrow",
   "label_en": "Environment",
   "uri": "http://data.europa.eu/snb/isced-f/052"
  },
  {
   "code": "053",
   "level": "narrow",
   "label_en": "Physical sciences",
   "uri": "http://data.europa.eu/snb/isced-f/053"
  },
  {
   "code": "054",
   "level": "narrow",
   "label_en": "Mathematics and statistics",
   "uri": "http://data.europa.eu/snb/isced-f/054"
  },
  {
   "code": "058",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving natural sciences, mathematics and statistics",
   "uri": "http://data.europa.eu/snb/isced-f/058"
  },
  {
   "code": "059",
   "level": "narrow",
   "label_en": "Natural sciences, mathematics and statistics not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/059"
  },
  {
   "code": "0500",
   "level": "detailed",
   "label_en": "Natural sciences, mathematics and statistics not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0500"
  },
  {
   "code": "0510",
   "level": "detailed",
   "label_en": "Biological and related sciences not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0510"
  },
  {
   "code": "0511",
   "level": "detailed",
   "label_en": "Biology",
   "uri": "http://data.europa.eu/snb/isced-f/0511"
  },
  {
   "code": "0512",
   "level": "detailed",
   "label_en": "Biochemistry",
   "uri": "http://data.europa.eu/snb/isced-f/0512"
  },
  {
   "code": "0519",
   "level": "detailed",
   "label_en": "Biological and related sciences not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0519"
  },
  {
   "code": "0520",
   "level": "detailed",
   "label_en": "Environment not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0520"
  },
  {
   "code": "0521",
   "level": "detailed",
   "label_en": "Environmental sciences",
   "uri": "http://data.europa.eu/snb/isced-f/0521"
  },
  {
   "code": "0522",
   "level": "detailed",
   "label_en": "Natural environments and wildlife",
   "uri": "http://data.europa.eu/snb/isced-f/0522"
  },
  {
   "code": "0529",
   "level": "detailed",
   "label_en": "Environment not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0529"
  },
  {
   "code": "0530",
   "level": "detailed",
   "label_en": "Physical sciences not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0530"
  },
  {
   "code": "0531",
   "level": "detailed",
   "label_en": "Chemistry",
   "uri": "http://data.europa.eu/snb/isced-f/0531"
  },
  {
   "code": "0532",
   "level": "detailed",
   "label_en": "Earth sciences",
   "uri": "http://data.europa.eu/snb/isced-f/0532"
  },
  {
   "code": "0533",
   "level": "detailed",
   "label_en": "Physics",
   "uri": "http://data.europa.eu/snb/isced-f/0533"
  },
  {
   "code": "0539",
   "level": "detailed",
   "label_en": "Physical sciences not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0539"
  },
  {
   "code": "0540",
   "level": "detailed",
   "label_en": "Mathematics and statistics not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0540"
  },
  {
   "code": "0541",
   "level": "detailed",
   "label_en": "Mathematics",
   "uri": "http://data.europa.eu/snb/isced-f/0541"
  },
  {
   "code": "0542",
   "level": "detailed",
   "label_en": "Statistics",
   "uri": "http://data.europa.eu/snb/isced-f/0542"
  },
  {
   "code": "0588",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving natural sciences, mathematics and statistics",
   "uri": "http://data.europa.eu/snb/isced-f/0588"
  },
  {
   "code": "0599",
   "level": "detailed",
   "label_en": "Natural sciences, mathematics and statistics not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0599"
  },
  {
   "code": "06",
   "level": "broad",
   "label_en": "Information and Communication Technologies (ICTs)",
   "uri": "http://data.europa.eu/snb/isced-f/06"
  },
  {
   "code": "061",
   "level": "narrow",
   "label_en": "Information and Communication Technologies (ICTs)",
   "uri": "http://data.europa.eu/snb/isced-f/061"
  },
  {
   "code": "068",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving Information and Communication Technologies (ICTs)",
   "uri": "http://data.europa.eu/snb/isced-f/068"
  },
  {
   "code": "0610",
   "level": "detailed",
   "label_en": "Information and Communication Technologies (ICTs) not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0610"
  },
  {
   "code": "0611",
   "level": "detailed",
   "label_en": "Computer use",
   "uri": "http://data.europa.eu/snb/isced-f/0611"
  },
  {
   "code": "0612",
   "level": "detailed",
   "label_en": "Database and network design and administration",
   "uri": "http://data.europa.eu/snb/isced-f/0612"
  },
  {
   "code": "0613",
   "level": "detailed",
   "label_en": "Software and applications development and analysis",
   "uri": "http://data.europa.eu/snb/isced-f/0613"
  },
  {
   "code": "0619",
   "level": "detailed",
   "label_en": "Information and communication technologies not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0619"
  },
  {
   "code": "0688",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving Information and Communication Technologies (ICTs)",
   "uri": "http://data.europa.eu/snb/isced-f/0688"
  },
  {
   "code": "07",
   "level": "broad",
   "label_en": "Engineering, manufacturing and construction",
   "uri": "http://data.europa.eu/snb/isced-f/07"
  },
  {
   "code": "070",
   "level": "narrow",
   "label_en": "Engineering, manufacturing and construction not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/070"
  },
  {
   "code": "071",
   "level": "narrow",
   "label_en": "Engineering and engineering trades",
   "uri": "http://data.europa.eu/snb/isced-f/071"
  },
  {
   "code": "072",
   "level": "narrow",
   "label_en": "Manufacturing and processing",
   "uri": "http://data.europa.eu/snb/isced-f/072"
  },
  {
   "code": "073",
   "level": "narrow",
   "label_en": "Architecture and construction",
   "uri": "http://data.europa.eu/snb/isced-f/073"
  },
  {
   "code": "078",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving engineering, manufacturing and construction",
   "uri": "http://data.europa.eu/snb/isced-f/078"
  },
  {
   "code": "079",
   "level": "narrow",
   "label_en": "Engineering, manufacturing and construction not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/079"
  },
  {
   "code": "0700",
   "level": "detailed",
   "label_en": "Engineering, manufacturing and construction not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0700"
  },
  {
   "code": "0710",
   "level": "detailed",
   "label_en": "Engineering and engineering trades not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0710"
  },
  {
   "code": "0711",
   "level": "detailed",
   "label_en": "Chemical engineering and processes",
   "uri": "http://data.europa.eu/snb/isced-f/0711"
  },
  {
   "code": "0712",
   "level": "detailed",
   "label_en": "Environmental protection technology",
   "uri": "http://data.europa.eu/snb/isced-f/0712"
  },
  {
   "code": "0713",
   "level": "detailed",
   "label_en": "Electricity and energy",
   "uri": "http://data.europa.eu/snb/isced-f/0713"
  },
  {
   "code": "0714",
   "level": "detailed",
   "label_en": "Electronics and automation",
   "uri": "http://data.europa.eu/snb/isced-f/0714"
  },
  {
   "code": "0715",
   "level": "detailed",
   "label_en": "Mechanics and metal trades",
   "uri": "http://data.europa.eu/snb/isced-f/0715"
  },
  {
   "code": "0716",
   "level": "detailed",
   "label_en": "Motor vehicles, ships and aircraft",
   "uri": "http://data.europa.eu/snb/isced-f/0716"
  },
  {
   "code": "0719",
   "level": "detailed",
   "label_en": "Engineering and engineering trades not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0719"
  },
  {
   "code": "0720",
   "level": "detailed",
   "label_en": "Manufacturing and processing not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0720"
  },
  {
   "code": "0721",
   "level": "detailed",
   "label_en": "Food processing",
   "uri": "http://data.europa.eu/snb/isced-f/0721"
  },
  {
   "code": "0722",
   "level": "detailed",
   "label_en": "Materials (glass, paper, plastic and wood)",
   "uri": "http://data.europa.eu/snb/isced-f/0722"
  },
  {
   "code": "0723",
   "level": "detailed",
   "label_en": "Textiles (clothes, footwear and leather)",
   "uri": "http://data.europa.eu/snb/isced-f/0723"
  },
  {
   "code": "0724",
   "level": "detailed",
   "label_en": "Mining and extraction",
   "uri": "http://data.europa.eu/snb/isced-f/0724"
  },
  {
   "code": "0729",
   "level": "detailed",
   "label_en": "Manufacturing and processing not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0729"
  },
  {
   "code": "0730",
   "level": "detailed",
   "label_en": "Architecture and construction not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0730"
  },
  {
   "code": "0731",
   "level": "detailed",
   "label_en": "Architecture and town planning",
   "uri": "http://data.europa.eu/snb/isced-f/0731"
  },
  {
   "code": "0732",
   "level": "detailed",
   "label_en": "Building and civil engineering",
   "uri": "http://data.europa.eu/snb/isced-f/0732"
  },
  {
   "code": "0788",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving engineering, manufacturing and construction",
   "uri": "http://data.europa.eu/snb/isced-f/0788"
  },
  {
   "code": "0799",
   "level": "detailed",
   "label_en": "Engineering, manufacturing and construction not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0799"
  },
  {
   "code": "08",
   "level": "broad",
   "label_en": "Agriculture, forestry, fisheries and veterinary",
   "uri": "http://data.europa.eu/snb/isced-f/08"
  },
  {
   "code": "080",
   "level": "narrow",
   "label_en": "Agriculture, forestry, fisheries and veterinary not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/080"
  },
  {
   "code": "081",
   "level": "narrow",
   "label_en": "Agriculture",
   "uri": "http://data.europa.eu/snb/isced-f/081"
  },
  {
   "code": "082",
   "level": "narrow",
   "label_en": "Forestry",
   "uri": "http://data.europa.eu/snb/isced-f/082"
  },
  {
   "code": "083",
   "level": "narrow",
   "label_en": "Fisheries",
   "uri": "http://data.europa.eu/snb/isced-f/083"
  },
  {
   "code": "084",
   "level": "narrow",
   "label_en": "Veterinary",
   "uri": "http://data.europa.eu/snb/isced-f/084"
  },
  {
   "code": "088",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving agriculture, forestry, fisheries and veterinary",
   "uri": "http://data.europa.eu/snb/isced-f/088"
  },
  {
   "code": "089",
   "level": "narrow",
   "label_en": "Agriculture, forestry, fisheries and veterinary not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/089"
  },
  {
   "code": "0800",
   "level": "detailed",
   "label_en": "Agriculture, forestry, fisheries and veterinary not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0800"
  },
  {
   "code": "0810",
   "level": "detailed",
   "label_en": "Agriculture not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0810"
  },
  {
   "code": "0811",
   "level": "detailed",
   "label_en": "Crop and livestock production",
   "uri": "http://data.europa.eu/snb/isced-f/0811"
  },
  {
   "code": "0812",
   "level": "detailed",
   "label_en": "Horticulture",
   "uri": "http://data.europa.eu/snb/isced-f/0812"
  },
  {
   "code": "0819",
   "level": "detailed",
   "label_en": "Agriculture not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0819"
  },
  {
   "code": "0821",
   "level": "detailed",
   "label_en": "Forestry",
   "uri": "http://data.europa.eu/snb/isced-f/0821"
  },
  {
   "code": "0831",
   "level": "detailed",
   "label_en": "Fisheries",
   "uri": "http://data.europa.eu/snb/isced-f/0831"
  },
  {
   "code": "0841",
   "level": "detailed",
   "label_en": "Veterinary",
   "uri": "http://data.europa.eu/snb/isced-f/0841"
  },
  {
   "code": "0888",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving agriculture, forestry, fisheries and veterinary",
   "uri": "http://data.europa.eu/snb/isced-f/0888"
  },
  {
   "code": "0899",
   "level": "detailed",
   "label_en": "Agriculture, forestry, fisheries and veterinary not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0899"
  },
  {
   "code": "09",
   "level": "broad",
   "label_en": "Health and welfare",
   "uri": "http://data.europa.eu/snb/isced-f/09"
  },
  {
   "code": "090",
   "level": "narrow",
   "label_en": "Health and welfare not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/090"
  },
  {
   "code": "091",
   "level": "narrow",
   "label_en": "Health",
   "uri": "http://data.europa.eu/snb/isced-f/091"
  },
  {
   "code": "092",
   "level": "narrow",
   "label_en": "Welfare",
   "uri": "http://data.europa.eu/snb/isced-f/092"
  },
  {
   "code": "098",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving health and welfare",
   "uri": "http://data.europa.eu/snb/isced-f/098"
  },
  {
   "code": "099",
   "level": "narrow",
   "label_en": "Health and welfare not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/099"
  },
  {
   "code": "0900",
   "level": "detailed",
   "label_en": "Health and welfare not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0900"
  },
  {
   "code": "0910",
   "level": "detailed",
   "label_en": "Health not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0910"
  },
  {
   "code": "0911",
   "level": "detailed",
   "label_en": "Dental studies",
   "uri": "http://data.europa.eu/snb/isced-f/0911"
  },
  {
   "code": "0912",
   "level": "detailed",
   "label_en": "Medicine",
   "uri": "http://data.europa.eu/snb/isced-f/0912"
  },
  {
   "code": "0913",
   "level": "detailed",
   "label_en": "Nursing and midwifery",
   "uri": "http://data.europa.eu/snb/isced-f/0913"
  },
  {
   "code": "0914",
   "level": "detailed",
   "label_en": "Medical diagnostic and treatment technology",
   "uri": "http://data.europa.eu/snb/isced-f/0914"
  },
  {
   "code": "0915",
   "level": "detailed",
   "label_en": "Therapy and rehabilitation",
   "uri": "http://data.europa.eu/snb/isced-f/0915"
  },
  {
   "code": "0916",
   "level": "detailed",
   "label_en": "Pharmacy",
   "uri": "http://data.europa.eu/snb/isced-f/0916"
  },
  {
   "code": "0917",
   "level": "detailed",
   "label_en": "Traditional and complementary medicine and therapy",
   "uri": "http://data.europa.eu/snb/isced-f/0917"
  },
  {
   "code": "0919",
   "level": "detailed",
   "label_en": "Health not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0919"
  },
  {
   "code": "0920",
   "level": "detailed",
   "label_en": "Welfare not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/0920"
  },
  {
   "code": "0921",
   "level": "detailed",
   "label_en": "Care of the elderly and of disabled adults",
   "uri": "http://data.europa.eu/snb/isced-f/0921"
  },
  {
   "code": "0922",
   "level": "detailed",
   "label_en": "Child care and youth services",
   "uri": "http://data.europa.eu/snb/isced-f/0922"
  },
  {
   "code": "0923",
   "level": "detailed",
   "label_en": "Social work and counselling",
   "uri": "http://data.europa.eu/snb/isced-f/0923"
  },
  {
   "code": "0929",
   "level": "detailed",
   "label_en": "Welfare not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0929"
  },
  {
   "code": "0988",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving health and welfare",
   "uri": "http://data.europa.eu/snb/isced-f/0988"
  },
  {
   "code": "0999",
   "level": "detailed",
   "label_en": "Health and welfare not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/0999"
  },
  {
   "code": "10",
   "level": "broad",
   "label_en": "Services",
   "uri": "http://data.europa.eu/snb/isced-f/10"
  },
  {
   "code": "100",
   "level": "narrow",
   "label_en": "Services not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/100"
  },
  {
   "code": "101",
   "level": "narrow",
   "label_en": "Personal services",
   "uri": "http://data.europa.eu/snb/isced-f/101"
  },
  {
   "code": "102",
   "level": "narrow",
   "label_en": "Hygiene and occupational health services",
   "uri": "http://data.europa.eu/snb/isced-f/102"
  },
  {
   "code": "103",
   "level": "narrow",
   "label_en": "Security services",
   "uri": "http://data.europa.eu/snb/isced-f/103"
  },
  {
   "code": "104",
   "level": "narrow",
   "label_en": "Transport services",
   "uri": "http://data.europa.eu/snb/isced-f/104"
  },
  {
   "code": "108",
   "level": "narrow",
   "label_en": "Inter-disciplinary programmes and qualifications involving services",
   "uri": "http://data.europa.eu/snb/isced-f/108"
  },
  {
   "code": "109",
   "level": "narrow",
   "label_en": "Services not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/109"
  },
  {
   "code": "1000",
   "level": "detailed",
   "label_en": "Services not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/1000"
  },
  {
   "code": "1010",
   "level": "detailed",
   "label_en": "Personal services not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/1010"
  },
  {
   "code": "1011",
   "level": "detailed",
   "label_en": "Domestic services",
   "uri": "http://data.europa.eu/snb/isced-f/1011"
  },
  {
   "code": "1012",
   "level": "detailed",
   "label_en": "Hair and beauty services",
   "uri": "http://data.europa.eu/snb/isced-f/1012"
  },
  {
   "code": "1013",
   "level": "detailed",
   "label_en": "Hotel, restaurants and catering",
   "uri": "http://data.europa.eu/snb/isced-f/1013"
  },
  {
   "code": "1014",
   "level": "detailed",
   "label_en": "Sports",
   "uri": "http://data.europa.eu/snb/isced-f/1014"
  },
  {
   "code": "1015",
   "level": "detailed",
   "label_en": "Travel, tourism and leisure",
   "uri": "http://data.europa.eu/snb/isced-f/1015"
  },
  {
   "code": "1019",
   "level": "detailed",
   "label_en": "Personal services not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/1019"
  },
  {
   "code": "1020",
   "level": "detailed",
   "label_en": "Hygiene and occupational health services not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/1020"
  },
  {
   "code": "1021",
   "level": "detailed",
   "label_en": "Community sanitation",
   "uri": "http://data.europa.eu/snb/isced-f/1021"
  },
  {
   "code": "1022",
   "level": "detailed",
   "label_en": "Occupational health and safety",
   "uri": "http://data.europa.eu/snb/isced-f/1022"
  },
  {
   "code": "1029",
   "level": "detailed",
   "label_en": "Hygiene and occupational health services not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/1029"
  },
  {
   "code": "1030",
   "level": "detailed",
   "label_en": "Security services not further defined",
   "uri": "http://data.europa.eu/snb/isced-f/1030"
  },
  {
   "code": "1031",
   "level": "detailed",
   "label_en": "Military and defence",
   "uri": "http://data.europa.eu/snb/isced-f/1031"
  },
  {
   "code": "1032",
   "level": "detailed",
   "label_en": "Protection of persons and property",
   "uri": "http://data.europa.eu/snb/isced-f/1032"
  },
  {
   "code": "1039",
   "level": "detailed",
   "label_en": "Security services not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/1039"
  },
  {
   "code": "1041",
   "level": "detailed",
   "label_en": "Transport services",
   "uri": "http://data.europa.eu/snb/isced-f/1041"
  },
  {
   "code": "1088",
   "level": "detailed",
   "label_en": "Inter-disciplinary programmes and qualifications involving services",
   "uri": "http://data.europa.eu/snb/isced-f/1088"
  },
  {
   "code": "1099",
   "level": "detailed",
   "label_en": "Services not elsewhere classified",
   "uri": "http://data.europa.eu/snb/isced-f/1099"
  },
  {
   "code": "99",
   "level": "broad",
   "label_en": "Field unknown",
   "uri": "http://data.europa.eu/snb/isced-f/99"
  },
  {
   "code": "999",
   "level": "narrow",
   "label_en": "Field unknown",
   "uri": "http://data.europa.eu/snb/isced-f/999"
  },
  {
   "code": "9999",
   "level": "detailed",
   "label_en": "Field unknown",
   "uri": "http://data.europa.eu/snb/isced-f/9999"
  }
 ]
} as const;
