// ISO 3166-1 codes, English short names and UN-style subregions of 250 countries and territories, as
// world-countries 5.1.0 (ODbL; a dev dependency) gives them, diacritics removed. Generated once with:
//   node -e "for (const x of require('world-countries/countries.json')) console.log(x.cca2, x.ccn3, x.cca3, x.name.common, x.subregion || x.region)"
// ACLED's own names and regions are applied on top of it in acled.ts. Row: alpha-2, numeric, alpha-3, name, subregion.
export const COUNTRY_ROWS = `
AD	020	AND	Andorra	Southern Europe
AE	784	ARE	United Arab Emirates	Western Asia
AF	004	AFG	Afghanistan	Southern Asia
AG	028	ATG	Antigua and Barbuda	Caribbean
AI	660	AIA	Anguilla	Caribbean
AL	008	ALB	Albania	Southeast Europe
AM	051	ARM	Armenia	Western Asia
AO	024	AGO	Angola	Middle Africa
AQ	010	ATA	Antarctica	Antarctic
AR	032	ARG	Argentina	South America
AS	016	ASM	American Samoa	Polynesia
AT	040	AUT	Austria	Central Europe
AU	036	AUS	Australia	Australia and New Zealand
AW	533	ABW	Aruba	Caribbean
AX	248	ALA	Aland Islands	Northern Europe
AZ	031	AZE	Azerbaijan	Western Asia
BA	070	BIH	Bosnia and Herzegovina	Southeast Europe
BB	052	BRB	Barbados	Caribbean
BD	050	BGD	Bangladesh	Southern Asia
BE	056	BEL	Belgium	Western Europe
BF	854	BFA	Burkina Faso	Western Africa
BG	100	BGR	Bulgaria	Southeast Europe
BH	048	BHR	Bahrain	Western Asia
BI	108	BDI	Burundi	Eastern Africa
BJ	204	BEN	Benin	Western Africa
BL	652	BLM	Saint Barthelemy	Caribbean
BM	060	BMU	Bermuda	North America
BN	096	BRN	Brunei	South-Eastern Asia
BO	068	BOL	Bolivia	South America
BQ	535	BES	Caribbean Netherlands	Caribbean
BR	076	BRA	Brazil	South America
BS	044	BHS	Bahamas	Caribbean
BT	064	BTN	Bhutan	Southern Asia
BV	074	BVT	Bouvet Island	Antarctic
BW	072	BWA	Botswana	Southern Africa
BY	112	BLR	Belarus	Eastern Europe
BZ	084	BLZ	Belize	Central America
CA	124	CAN	Canada	North America
CC	166	CCK	Cocos (Keeling) Islands	Australia and New Zealand
CD	180	COD	DR Congo	Middle Africa
CF	140	CAF	Central African Republic	Middle Africa
CG	178	COG	Republic of the Congo	Middle Africa
CH	756	CHE	Switzerland	Western Europe
CI	384	CIV	Ivory Coast	Western Africa
CK	184	COK	Cook Islands	Polynesia
CL	152	CHL	Chile	South America
CM	120	CMR	Cameroon	Middle Africa
CN	156	CHN	China	Eastern Asia
CO	170	COL	Colombia	South America
CR	188	CRI	Costa Rica	Central America
CU	192	CUB	Cuba	Caribbean
CV	132	CPV	Cape Verde	Western Africa
CW	531	CUW	Curacao	Caribbean
CX	162	CXR	Christmas Island	Australia and New Zealand
CY	196	CYP	Cyprus	Southern Europe
CZ	203	CZE	Czechia	Central Europe
DE	276	DEU	Germany	Western Europe
DJ	262	DJI	Djibouti	Eastern Africa
DK	208	DNK	Denmark	Northern Europe
DM	212	DMA	Dominica	Caribbean
DO	214	DOM	Dominican Republic	Caribbean
DZ	012	DZA	Algeria	Northern Africa
EC	218	ECU	Ecuador	South America
EE	233	EST	Estonia	Northern Europe
EG	818	EGY	Egypt	Northern Africa
EH	732	ESH	Western Sahara	Northern Africa
ER	232	ERI	Eritrea	Eastern Africa
ES	724	ESP	Spain	Southern Europe
ET	231	ETH	Ethiopia	Eastern Africa
FI	246	FIN	Finland	Northern Europe
FJ	242	FJI	Fiji	Melanesia
FK	238	FLK	Falkland Islands	South America
FM	583	FSM	Micronesia	Micronesia
FO	234	FRO	Faroe Islands	Northern Europe
FR	250	FRA	France	Western Europe
GA	266	GAB	Gabon	Middle Africa
GB	826	GBR	United Kingdom	Northern Europe
GD	308	GRD	Grenada	Caribbean
GE	268	GEO	Georgia	Western Asia
GF	254	GUF	French Guiana	South America
GG	831	GGY	Guernsey	Northern Europe
GH	288	GHA	Ghana	Western Africa
GI	292	GIB	Gibraltar	Southern Europe
GL	304	GRL	Greenland	North America
GM	270	GMB	Gambia	Western Africa
GN	324	GIN	Guinea	Western Africa
GP	312	GLP	Guadeloupe	Caribbean
GQ	226	GNQ	Equatorial Guinea	Middle Africa
GR	300	GRC	Greece	Southern Europe
GS	239	SGS	South Georgia	Antarctic
GT	320	GTM	Guatemala	Central America
GU	316	GUM	Guam	Micronesia
GW	624	GNB	Guinea-Bissau	Western Africa
GY	328	GUY	Guyana	South America
HK	344	HKG	Hong Kong	Eastern Asia
HM	334	HMD	Heard Island and McDonald Islands	Antarctic
HN	340	HND	Honduras	Central America
HR	191	HRV	Croatia	Southeast Europe
HT	332	HTI	Haiti	Caribbean
HU	348	HUN	Hungary	Central Europe
ID	360	IDN	Indonesia	South-Eastern Asia
IE	372	IRL	Ireland	Northern Europe
IL	376	ISR	Israel	Western Asia
IM	833	IMN	Isle of Man	Northern Europe
IN	356	IND	India	Southern Asia
IO	086	IOT	British Indian Ocean Territory	Eastern Africa
IQ	368	IRQ	Iraq	Western Asia
IR	364	IRN	Iran	Southern Asia
IS	352	ISL	Iceland	Northern Europe
IT	380	ITA	Italy	Southern Europe
JE	832	JEY	Jersey	Northern Europe
JM	388	JAM	Jamaica	Caribbean
JO	400	JOR	Jordan	Western Asia
JP	392	JPN	Japan	Eastern Asia
KE	404	KEN	Kenya	Eastern Africa
KG	417	KGZ	Kyrgyzstan	Central Asia
KH	116	KHM	Cambodia	South-Eastern Asia
KI	296	KIR	Kiribati	Micronesia
KM	174	COM	Comoros	Eastern Africa
KN	659	KNA	Saint Kitts and Nevis	Caribbean
KP	408	PRK	North Korea	Eastern Asia
KR	410	KOR	South Korea	Eastern Asia
KW	414	KWT	Kuwait	Western Asia
KY	136	CYM	Cayman Islands	Caribbean
KZ	398	KAZ	Kazakhstan	Central Asia
LA	418	LAO	Laos	South-Eastern Asia
LB	422	LBN	Lebanon	Western Asia
LC	662	LCA	Saint Lucia	Caribbean
LI	438	LIE	Liechtenstein	Western Europe
LK	144	LKA	Sri Lanka	Southern Asia
LR	430	LBR	Liberia	Western Africa
LS	426	LSO	Lesotho	Southern Africa
LT	440	LTU	Lithuania	Northern Europe
LU	442	LUX	Luxembourg	Western Europe
LV	428	LVA	Latvia	Northern Europe
LY	434	LBY	Libya	Northern Africa
MA	504	MAR	Morocco	Northern Africa
MC	492	MCO	Monaco	Western Europe
MD	498	MDA	Moldova	Eastern Europe
ME	499	MNE	Montenegro	Southeast Europe
MF	663	MAF	Saint Martin	Caribbean
MG	450	MDG	Madagascar	Eastern Africa
MH	584	MHL	Marshall Islands	Micronesia
MK	807	MKD	North Macedonia	Southeast Europe
ML	466	MLI	Mali	Western Africa
MM	104	MMR	Myanmar	South-Eastern Asia
MN	496	MNG	Mongolia	Eastern Asia
MO	446	MAC	Macau	Eastern Asia
MP	580	MNP	Northern Mariana Islands	Micronesia
MQ	474	MTQ	Martinique	Caribbean
MR	478	MRT	Mauritania	Western Africa
MS	500	MSR	Montserrat	Caribbean
MT	470	MLT	Malta	Southern Europe
MU	480	MUS	Mauritius	Eastern Africa
MV	462	MDV	Maldives	Southern Asia
MW	454	MWI	Malawi	Eastern Africa
MX	484	MEX	Mexico	North America
MY	458	MYS	Malaysia	South-Eastern Asia
MZ	508	MOZ	Mozambique	Eastern Africa
NA	516	NAM	Namibia	Southern Africa
NC	540	NCL	New Caledonia	Melanesia
NE	562	NER	Niger	Western Africa
NF	574	NFK	Norfolk Island	Australia and New Zealand
NG	566	NGA	Nigeria	Western Africa
NI	558	NIC	Nicaragua	Central America
NL	528	NLD	Netherlands	Western Europe
NO	578	NOR	Norway	Northern Europe
NP	524	NPL	Nepal	Southern Asia
NR	520	NRU	Nauru	Micronesia
NU	570	NIU	Niue	Polynesia
NZ	554	NZL	New Zealand	Australia and New Zealand
OM	512	OMN	Oman	Western Asia
PA	591	PAN	Panama	Central America
PE	604	PER	Peru	South America
PF	258	PYF	French Polynesia	Polynesia
PG	598	PNG	Papua New Guinea	Melanesia
PH	608	PHL	Philippines	South-Eastern Asia
PK	586	PAK	Pakistan	Southern Asia
PL	616	POL	Poland	Central Europe
PM	666	SPM	Saint Pierre and Miquelon	North America
PN	612	PCN	Pitcairn Islands	Polynesia
PR	630	PRI	Puerto Rico	Caribbean
PS	275	PSE	Palestine	Western Asia
PT	620	PRT	Portugal	Southern Europe
PW	585	PLW	Palau	Micronesia
PY	600	PRY	Paraguay	South America
QA	634	QAT	Qatar	Western Asia
RE	638	REU	Reunion	Eastern Africa
RO	642	ROU	Romania	Southeast Europe
RS	688	SRB	Serbia	Southeast Europe
RU	643	RUS	Russia	Eastern Europe
RW	646	RWA	Rwanda	Eastern Africa
SA	682	SAU	Saudi Arabia	Western Asia
SB	090	SLB	Solomon Islands	Melanesia
SC	690	SYC	Seychelles	Eastern Africa
SD	729	SDN	Sudan	Northern Africa
SE	752	SWE	Sweden	Northern Europe
SG	702	SGP	Singapore	South-Eastern Asia
SH	654	SHN	Saint Helena, Ascension and Tristan da Cunha	Western Africa
SI	705	SVN	Slovenia	Central Europe
SJ	744	SJM	Svalbard and Jan Mayen	Northern Europe
SK	703	SVK	Slovakia	Central Europe
SL	694	SLE	Sierra Leone	Western Africa
SM	674	SMR	San Marino	Southern Europe
SN	686	SEN	Senegal	Western Africa
SO	706	SOM	Somalia	Eastern Africa
SR	740	SUR	Suriname	South America
SS	728	SSD	South Sudan	Middle Africa
ST	678	STP	Sao Tome and Principe	Middle Africa
SV	222	SLV	El Salvador	Central America
SX	534	SXM	Sint Maarten	Caribbean
SY	760	SYR	Syria	Western Asia
SZ	748	SWZ	Eswatini	Southern Africa
TC	796	TCA	Turks and Caicos Islands	Caribbean
TD	148	TCD	Chad	Middle Africa
TF	260	ATF	French Southern and Antarctic Lands	Antarctic
TG	768	TGO	Togo	Western Africa
TH	764	THA	Thailand	South-Eastern Asia
TJ	762	TJK	Tajikistan	Central Asia
TK	772	TKL	Tokelau	Polynesia
TL	626	TLS	Timor-Leste	South-Eastern Asia
TM	795	TKM	Turkmenistan	Central Asia
TN	788	TUN	Tunisia	Northern Africa
TO	776	TON	Tonga	Polynesia
TR	792	TUR	Turkiye	Western Asia
TT	780	TTO	Trinidad and Tobago	Caribbean
TV	798	TUV	Tuvalu	Polynesia
TW	158	TWN	Taiwan	Eastern Asia
TZ	834	TZA	Tanzania	Eastern Africa
UA	804	UKR	Ukraine	Eastern Europe
UG	800	UGA	Uganda	Eastern Africa
UM	581	UMI	United States Minor Outlying Islands	North America
US	840	USA	United States	North America
UY	858	URY	Uruguay	South America
UZ	860	UZB	Uzbekistan	Central Asia
VA	336	VAT	Vatican City	Southern Europe
VC	670	VCT	Saint Vincent and the Grenadines	Caribbean
VE	862	VEN	Venezuela	South America
VG	092	VGB	British Virgin Islands	Caribbean
VI	850	VIR	United States Virgin Islands	Caribbean
VN	704	VNM	Vietnam	South-Eastern Asia
VU	548	VUT	Vanuatu	Melanesia
WF	876	WLF	Wallis and Futuna	Polynesia
WS	882	WSM	Samoa	Polynesia
XK		UNK	Kosovo	Southeast Europe
YE	887	YEM	Yemen	Western Asia
YT	175	MYT	Mayotte	Eastern Africa
ZA	710	ZAF	South Africa	Southern Africa
ZM	894	ZMB	Zambia	Eastern Africa
ZW	716	ZWE	Zimbabwe	Eastern Africa
`;
