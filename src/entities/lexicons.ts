// Word lists we wrote for conflict reporting. They feed the tagger as features and refine its output
// (which organisations are armed groups or media). Lowercased; multi-word entries are phrases.

const words = (s: string) => s.trim().split(/\s*\n\s*|\s*;\s*/).filter(Boolean).map((x) => x.toLowerCase());

export const COUNTRIES = words(`
Afghanistan; Albania; Algeria; Andorra; Angola; Argentina; Armenia; Australia; Austria; Azerbaijan; Bahamas; Bahrain;
Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan; Bolivia; Bosnia; Bosnia and Herzegovina; Botswana; Brazil;
Brunei; Bulgaria; Burkina Faso; Burma; Burundi; Cambodia; Cameroon; Canada; Cape Verde; Central African Republic; Chad;
Chile; China; Colombia; Comoros; Congo; Costa Rica; Croatia; Cuba; Cyprus; Czech Republic; Czechia; Denmark; Djibouti;
Dominica; Dominican Republic; East Timor; Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini;
Ethiopia; Fiji; Finland; France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea;
Guinea-Bissau; Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy;
Ivory Coast; Jamaica; Japan; Jordan; Kazakhstan; Kenya; Kiribati; Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon;
Lesotho; Liberia; Libya; Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta;
Mauritania; Mauritius; Mexico; Moldova; Monaco; Mongolia; Montenegro; Morocco; Mozambique; Myanmar; Namibia; Nepal;
Netherlands; New Zealand; Nicaragua; Niger; Nigeria; North Korea; North Macedonia; Macedonia; Norway; Oman; Pakistan;
Palestine; Panama; Papua New Guinea; Paraguay; Peru; Philippines; Poland; Portugal; Qatar; Romania; Russia; Rwanda;
Saudi Arabia; Senegal; Serbia; Sierra Leone; Singapore; Slovakia; Slovenia; Somalia; South Africa; South Korea;
South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania; Thailand;
Togo; Tunisia; Turkey; Turkiye; Turkmenistan; Uganda; Ukraine; United Arab Emirates; United Kingdom; United States;
United States of America; Uruguay; Uzbekistan; Venezuela; Vietnam; Yemen; Zambia; Zimbabwe; Britain; Great Britain;
England; Scotland; Wales; Northern Ireland; America; U.S.; US; USA; U.S.A.; UK; U.K.; UAE; Gaza; Gaza Strip; West Bank;
Kurdistan; Chechnya; Dagestan; Crimea; Donbas; Kashmir; Tibet; Xinjiang; Darfur; Balochistan; Punjab; Sinai
`);

export const DEMONYMS = words(`
Afghan; Albanian; Algerian; American; Angolan; Arab; Argentine; Armenian; Australian; Austrian; Azerbaijani; Bahraini;
Bangladeshi; Belarusian; Belgian; Bolivian; Bosnian; Brazilian; British; Bulgarian; Burmese; Burundian; Cambodian;
Cameroonian; Canadian; Chadian; Chechen; Chilean; Chinese; Colombian; Congolese; Croatian; Cuban; Czech; Danish; Dutch;
Egyptian; Emirati; English; Eritrean; Estonian; Ethiopian; European; Filipino; Finnish; French; Georgian; German;
Ghanaian; Greek; Guatemalan; Haitian; Honduran; Hungarian; Indian; Indonesian; Iranian; Iraqi; Irish; Israeli; Italian;
Ivorian; Jamaican; Japanese; Jordanian; Kazakh; Kenyan; Korean; Kosovar; Kurdish; Kuwaiti; Kyrgyz; Lebanese; Libyan;
Lithuanian; Malian; Malaysian; Mexican; Moldovan; Mongolian; Moroccan; Mozambican; Nepalese; Nigerian; Nigerien;
Norwegian; Omani; Pakistani; Palestinian; Panamanian; Persian; Peruvian; Polish; Portuguese; Qatari; Romanian; Russian;
Rwandan; Saudi; Scottish; Senegalese; Serbian; Serb; Somali; Spanish; Sudanese; Swedish; Swiss; Syrian; Taiwanese;
Tajik; Tanzanian; Thai; Tunisian; Turkish; Turkmen; Ugandan; Ukrainian; Uzbek; Venezuelan; Vietnamese; Welsh; Yemeni;
Zambian; Zimbabwean; Western; Sunni; Shia; Shiite; Alawite; Druze; Yazidi; Pashtun; Baloch; Tamil; Sinhalese; Hutu;
Tutsi; Uighur; Uyghur; Rohingya; Jewish; Muslim; Christian; Islamist; Jihadist; Houthi; Iranian-backed; Turkish-backed
`);
/** The same, as a set to look words up in. */
export const DEMONYM_SET: ReadonlySet<string> = new Set(DEMONYMS);

/** Words that head a person's title or role ("Defence Secretary", "spokesperson"). */
export const TITLE_HEADS = words(`
President; Vice; Prime; Minister; Secretary; Ambassador; Envoy; Sen.; Senator; Rep.; Representative; Gov.; Governor;
Mayor; Gen.; General; Lt.; Lieutenant; Col.; Colonel; Maj.; Major; Capt.; Captain; Sgt.; Sergeant; Adm.; Admiral;
Commander; Cmdr.; Brig.; Brigadier; Marshal; Chief; Director; Spokesman; Spokeswoman; Spokesperson; King; Queen;
Prince; Princess; Sheikh; Emir; Ayatollah; Imam; Pope; Cardinal; Bishop; Rev.; Father; Judge; Justice; Attorney;
Prosecutor; Chairman; Chairwoman; Chair; Speaker; Leader; Commissioner; Inspector; Superintendent; Sheriff; Officer;
Detective; Chancellor; Premier; Dr.; Mr.; Mrs.; Ms.; Prof.; Professor; Deputy; Head; Official; Adviser; Advisor;
Analyst; Correspondent; Reporter; Editor; Founder; CEO; Coordinator; Councillor; Councilman; Councilwoman; Lawmaker;
MP; Congressman; Congresswoman; Delegate; Consul; Representative; Foreign; Defence; Defense; Interior; State; Army;
Military; Police; Security; Intelligence; National; Homeland; Counterterrorism; Health; Justice; Finance; UN; U.N.;
NATO; EU; Pentagon; White; House; Press; Assistant; Acting; Former; Ex; Senior; Top; Regional; Provincial; District;
Local; Militia; Rebel; Tribal; Opposition
`);

/** Role words that make a title even when lowercase ("Pentagon spokesperson Dana White"). */
export const ROLE_NOUNS = new Set(words(`
spokesman; spokeswoman; spokesperson; commander; official; minister; secretary; ambassador; envoy; leader; chief;
director; governor; mayor; president; general; colonel; captain; sergeant; lieutenant; adviser; advisor; analyst;
correspondent; reporter; editor; founder; lawmaker; senator; prosecutor; judge; attorney; officer; head; chairman;
representative; photographer; researcher; resident; witness; activist; doctor; surgeon; nurse
`));

/** Organisation heads: a name ending in one of these is an organisation. */
export const ORG_HEADS = words(`
Ministry; Department; Agency; Council; Committee; Commission; Office; Bureau; Authority; Party; Union; Association;
Institute; University; College; School; Hospital; Bank; Fund; Organisation; Organization; Foundation; Court; Parliament;
Assembly; Senate; Congress; Government; Administration; Company; Corporation; Corp.; Inc.; Ltd.; Group; Center; Centre;
Police; Guard; Guards; Service; Services; Federation; League; Coalition; Alliance; Movement; Front; Army; Forces; Force;
Navy; Brigade; Brigades; Battalion; Regiment; Militia; Corps; Division; Command; Network; Times; Post; News; Press;
Television; TV; Radio; Herald; Tribune; Journal; Gazette; Observer; Wire; Broadcasting
`);

/** Armed groups (non-state and state forces) as reporters name them; typed armed_group. */
export const ARMED_GROUPS = words(`
ISIS; ISIL; IS; Islamic State; Islamic State in Iraq and Syria; Islamic State in Iraq and the Levant; Islamic State of Iraq; Islamic State of Iraq and Syria; Islamic State of Iraq and the Levant;
Daesh; al-Qaida; al-Qaeda; al Qaeda; al Qaida; Al-Qaeda; AQAP; AQIM; Al-Qaeda in the Arabian Peninsula; al-Shabab;
al-Shabaab; al Shabaab; Boko Haram; ISWAP; Taliban; Pakistani Taliban; TTP; Haqqani network; Lashkar-e-Taiba;
Jaish-e-Mohammed; Hezbollah; Hizbollah; Hamas; Islamic Jihad; Palestinian Islamic Jihad; Houthis; Houthi; Ansar Allah;
Hayat Tahrir al-Sham; HTS; Nusra Front; al-Nusra Front; Jabhat al-Nusra; Free Syrian Army; FSA; Syrian Democratic Forces;
SDF; YPG; YPJ; PKK; Kurdistan Workers' Party; Peshmerga; Popular Mobilisation Forces; Popular Mobilization Forces; PMF;
Hashd al-Shaabi; Kataib Hezbollah; Revolutionary Guards; Islamic Revolutionary Guard Corps; IRGC; Quds Force; Wagner;
Wagner Group; Rapid Support Forces; RSF; Janjaweed; M23; ADF; Allied Democratic Forces; FARC;
Revolutionary Armed Forces of Colombia; ELN; National Liberation Army; IRA; Provisional IRA; Real IRA;
Provisional Irish Republican Army; Irish Republican Army; UVF; Ulster Volunteer Force; ETA; Tamil Tigers; LTTE;
Shining Path; Zapatistas; Abu Sayyaf; Maute; New People's Army; NPA; Moro Islamic Liberation Front; MILF; Al-Aqsa Martyrs Brigades;
Ezzedine al-Qassam Brigades; Qassam Brigades; Azov; JNIM; Ansar Dine; Ansaru; Fatah; Janjaweed; Mujahideen; Lord's Resistance Army; LRA
`);

/** News media and agencies; typed media (they are sources more often than actors). */
export const MEDIA = words(`
Reuters; Associated Press; AP; AFP; Agence France-Presse; Agence France Presse; SANA; Interfax; TASS; RIA Novosti; RIA;
Sputnik; RT; Xinhua; Anadolu; Anadolu Agency; IRNA; Fars; Tasnim; Al Jazeera; Al-Jazeera; Al Arabiya; Al-Arabiya;
Al Mayadeen; BBC; CNN; Fox News; NBC; CBS; ABC; NPR; PBS; MSNBC; Sky News; France 24; Deutsche Welle; DW; Euronews;
The New York Times; New York Times; The Washington Post; Washington Post; The Wall Street Journal; Wall Street Journal;
The Guardian; Guardian; The Times; The Independent; The Telegraph; Daily Telegraph; Financial Times; Los Angeles Times;
USA Today; Bloomberg; Politico; The Hill; Axios; Haaretz; Times of Israel; Jerusalem Post; Dawn; Kyodo; Yonhap; NHK;
Asharq Al-Awsat; Getty Images; Getty; EPA; EPA-EFE; AFP/Getty Images; Shutterstock; Anadolu Images; Rudaw; Kurdistan 24; Ukrinform; UNIAN; Kyiv Independent; Meduza
`);

/** Institutions that are not armed groups even though some contain "Forces" or "Army" words. */
export const ORGANISATIONS = words(`
United Nations; UN; U.N.; UN Security Council; Security Council; NATO; European Union; EU; African Union; Arab League;
Red Cross; International Committee of the Red Cross; ICRC; Red Crescent; Amnesty International; Human Rights Watch;
Syrian Observatory for Human Rights;
Doctors Without Borders; MSF; UNHCR; UNICEF; WHO; World Health Organization; World Bank; IMF; Interpol; Europol; FBI;
CIA; NSA; Pentagon; White House; Kremlin; State Department; U.S. State Department; Defence Ministry; Defense Ministry;
Department of Homeland Security; Homeland Security; Congress; Senate; House of Representatives; Parliament; OSCE;
International Criminal Court; ICC; Hague; ATF; NYPD; DHS; Scotland Yard; MI5; MI6; Mossad; Shin Bet; Knesset
`);

/** Names of one group or outlet that reporters use interchangeably; coreference joins them. */
export const ALIAS_GROUPS: string[][] = [
  ['Islamic State', 'ISIS', 'ISIL', 'IS', 'Daesh', 'Islamic State of Iraq and Syria', 'Islamic State in Iraq and Syria', 'Islamic State of Iraq and the Levant', 'Islamic State in Iraq and the Levant'],
  ['al-Qaida', 'al-Qaeda', 'al Qaeda', 'al Qaida', 'Al-Qaeda', 'Al Qaeda'],
  ['Hezbollah', 'Hizbollah', 'Hizbullah'],
  ['Houthis', 'Houthi', 'Ansar Allah'],
  ['Hayat Tahrir al-Sham', 'HTS'],
  ['Nusra Front', 'al-Nusra Front', 'Jabhat al-Nusra'],
  ['Syrian Democratic Forces', 'SDF'],
  ["Kurdistan Workers' Party", 'PKK'],
  ['Popular Mobilisation Forces', 'Popular Mobilization Forces', 'PMF', 'Hashd al-Shaabi'],
  ['Islamic Revolutionary Guard Corps', 'IRGC', 'Revolutionary Guards'],
  ['Rapid Support Forces', 'RSF'],
  ['Revolutionary Armed Forces of Colombia', 'FARC'],
  ['National Liberation Army', 'ELN'],
  ['Provisional Irish Republican Army', 'Provisional IRA'],
  ['al-Shabab', 'al-Shabaab', 'al Shabaab'],
  ['Tamil Tigers', 'LTTE'],
  ['Associated Press', 'AP'],
  ['Agence France-Presse', 'Agence France Presse', 'AFP'],
  ['United Nations', 'UN', 'U.N.'],
  ['United States', 'U.S.', 'US', 'USA', 'U.S.A.', 'United States of America', 'America'],
  ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  ['Federal Bureau of Investigation', 'FBI'],
  ['New York Police Department', 'NYPD'],
];
